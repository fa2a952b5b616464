using CallRouter.Gateway.Manufacturer;

namespace CallRouter.Gateway.Tests.Manufacturer;

/// <summary>Hands out scripted legs and remembers every dial (destination and headers).</summary>
internal sealed class FakeManufacturerDialer : IManufacturerDialer
{
    private readonly Queue<FakeManufacturerCallLeg> _legs = new();

    public List<(ManufacturerDestination Destination, IReadOnlyList<KeyValuePair<string, string>> Headers)> Dialled { get; } = [];

    public Exception? Failure { get; set; }

    public FakeManufacturerDialer Will(FakeManufacturerCallLeg leg)
    {
        _legs.Enqueue(leg);
        return this;
    }

    public IManufacturerCallLeg Dial(ManufacturerDestination destination, IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        if (Failure is not null) throw Failure;
        Dialled.Add((destination, headers));
        return _legs.Dequeue();
    }
}

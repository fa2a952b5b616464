using CallRouter.Escalation.Ports;

namespace CallRouter.Escalation.Tests;

/// <summary>Stands in for the gateway: records the calls it is asked to place.</summary>
internal sealed class RecordingPhoneChannel : IManufacturerPhoneChannel
{
    public List<PhoneCallRequest> Calls { get; } = [];

    public Task<string> PlaceCallAsync(PhoneCallRequest request, CancellationToken cancellationToken)
    {
        lock (Calls)
        {
            Calls.Add(request);
            return Task.FromResult($"call-{Calls.Count}");
        }
    }
}

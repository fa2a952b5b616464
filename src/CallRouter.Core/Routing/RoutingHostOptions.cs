using CallRouter.Routing;

namespace CallRouter.Core.Routing;

/// <summary>Configuration section <c>CallRouter:Routing</c>: engine settings in configuration form.</summary>
public sealed class RoutingHostOptions
{
    public const string Section = "CallRouter:Routing";

    /// <summary>Models accepted at start-up until an administrator changes the list (then the stored list wins).</summary>
    public List<string> EligibleModels { get; set; } = ["NS-5", "NS Remote", "NS10", "NS100"];

    public TimeSpan OfferTimeout { get; set; } = TimeSpan.FromSeconds(20);
    public int MissedOffersBeforeNotReady { get; set; } = 3;
    public TimeSpan WrapUpTime { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often a waiting caller's position and expected wait are sent to the gateway for announcement.</summary>
    public TimeSpan PositionUpdateInterval { get; set; } = TimeSpan.FromSeconds(30);

    public RoutingOptions ToEngineOptions()
    {
        var models = new List<MachineModel>();
        foreach (string name in EligibleModels)
        {
            if (!MachineModelNames.TryParse(name, out MachineModel model))
            {
                throw new InvalidOperationException($"CallRouter:Routing:EligibleModels names an unknown model '{name}'.");
            }

            models.Add(model);
        }

        return new RoutingOptions
        {
            EligibleModels = models,
            OfferTimeout = OfferTimeout,
            MaxMissedOffers = MissedOffersBeforeNotReady,
            WrapUpTime = WrapUpTime,
        };
    }
}

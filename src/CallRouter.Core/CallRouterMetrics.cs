using System.Diagnostics.Metrics;

namespace CallRouter.Core;

/// <summary>
/// The routing core's OpenTelemetry instruments (meter <c>CallRouter</c>), exported on the
/// Prometheus endpoint: call counters, offers, waiting calls and wait times.
/// </summary>
public sealed class CallRouterMetrics : IDisposable
{
    public const string MeterName = "CallRouter";

    private readonly Meter _meter;
    private readonly Counter<long> _registered;
    private readonly Counter<long> _returned;
    private readonly Counter<long> _offers;
    private readonly Counter<long> _answered;
    private readonly Counter<long> _abandoned;
    private readonly Histogram<double> _waitSeconds;
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private DateOnly _returnedDay;
    private long _returnedToday;

    public CallRouterMetrics(IMeterFactory meterFactory, TimeProvider time)
    {
        _time = time;
        _meter = meterFactory.Create(MeterName);
        _registered = _meter.CreateCounter<long>("callrouter.calls.registered", description: "Calls queued by the gateway");
        _returned = _meter.CreateCounter<long>("callrouter.calls.returned", description: "Calls returned to the manufacturer as not eligible");
        _offers = _meter.CreateCounter<long>("callrouter.offers", description: "Offers made to agents");
        _answered = _meter.CreateCounter<long>("callrouter.calls.answered", description: "Calls accepted by an agent");
        _abandoned = _meter.CreateCounter<long>("callrouter.calls.abandoned", description: "Calls abandoned before an agent answered");
        _waitSeconds = _meter.CreateHistogram<double>("callrouter.queue.wait", unit: "s", description: "Time callers waited in queue");
    }

    public void ObserveWaiting(Func<int> waiting) =>
        _meter.CreateObservableGauge("callrouter.calls.waiting", waiting, description: "Calls waiting in queues");

    public void CallRegistered() => _registered.Add(1);

    public void CallReturned()
    {
        _returned.Add(1);
        lock (_gate)
        {
            DateOnly today = DateOnly.FromDateTime(_time.GetLocalNow().DateTime);
            if (today != _returnedDay)
            {
                _returnedDay = today;
                _returnedToday = 0;
            }

            _returnedToday++;
        }
    }

    public long ReturnedToday(DateOnly day)
    {
        lock (_gate)
        {
            return day == _returnedDay ? _returnedToday : 0;
        }
    }

    public void OfferMade() => _offers.Add(1);

    public void CallAnswered(TimeSpan waited)
    {
        _answered.Add(1);
        _waitSeconds.Record(waited.TotalSeconds);
    }

    public void CallAbandoned(TimeSpan waited)
    {
        _abandoned.Add(1);
        _waitSeconds.Record(waited.TotalSeconds);
    }

    public void Dispose() => _meter.Dispose();
}

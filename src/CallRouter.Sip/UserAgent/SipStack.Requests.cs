using System.Globalization;
using CallRouter.Sip.Dialogs;
using CallRouter.Sip.Message;
using CallRouter.Sip.Transactions;
using CallRouter.Sip.Transport;

namespace CallRouter.Sip.UserAgent;

/// <summary>The UAS core (RFC 3261 §8.2): what the stack does with each request the transaction layer hands up.</summary>
public sealed partial class SipStack
{
    void ITransactionUser.OnRequest(ServerTransaction transaction)
    {
        var request = transaction.Request;
        if (request.To.Tag is not null)
        {
            if (_calls.TryGetValue(DialogId.ForIncomingRequest(request), out var call)) call.OnRequest(transaction);
            else transaction.Respond(481, toTag: null);
            return;
        }

        if (!CheckRequest(transaction)) return;
        switch (request.Method)
        {
            case SipMethod.Invite:
                OnNewInvite(transaction);
                break;
            case SipMethod.Options:
                transaction.Respond(200, toTag: SipIds.NewTag(), customise: b => b
                    .Add(HeaderKind.Allow, AllowedMethods)
                    .Add(HeaderKind.Accept, "application/sdp")
                    .Add(HeaderKind.Supported, string.Join(", ", Options.SupportedExtensions))
                    .Add(HeaderKind.Server, Options.UserAgent));
                break;
            case SipMethod.Register when Registrar is not null:
                Registrar.Handle(transaction);
                break;
            case SipMethod.Bye or SipMethod.Info or SipMethod.Notify or SipMethod.Refer or SipMethod.Update or SipMethod.Prack:
                // These only make sense inside a dialog we know.
                transaction.Respond(481, toTag: SipIds.NewTag());
                break;
            case SipMethod.Unknown:
                transaction.Respond(501, toTag: SipIds.NewTag(), customise: b => b.Add(HeaderKind.Allow, AllowedMethods));
                break;
            default:
                transaction.Respond(405, toTag: SipIds.NewTag(), customise: b => b.Add(HeaderKind.Allow, AllowedMethods));
                break;
        }
    }

    void ITransactionUser.OnAck(IncomingMessage ack)
    {
        if (_calls.TryGetValue(DialogId.ForIncomingRequest(ack.Message), out var call)) call.OnAck(ack.Message);
    }

    void ITransactionUser.OnStrayResponse(IncomingMessage response)
    {
        var message = response.Message;
        if (message.Method == SipMethod.Invite && message.StatusCode is >= 200 and < 300
            && _calls.TryGetValue(DialogId.ForIncomingResponse(message), out var call) && call is OutgoingCall outgoing)
        {
            outgoing.OnStray2xx(message);
        }
    }

    /// <summary>§8.2.1–8.2.3: URI scheme (416), required extensions (420), body type of an INVITE (415).</summary>
    private bool CheckRequest(ServerTransaction transaction)
    {
        var request = transaction.Request;
        SipUri uri;
        try
        {
            uri = request.RequestUri;
        }
        catch (FormatException)
        {
            transaction.Respond(SipRejections.StatusCode(SipParseError.InvalidRequestUri), SipRejections.ReasonPhrase(SipParseError.InvalidRequestUri), SipIds.NewTag());
            return false;
        }

        if (uri.Scheme is not (UriScheme.Sip or UriScheme.Sips or UriScheme.Tel))
        {
            transaction.Respond(416, toTag: SipIds.NewTag());
            return false;
        }

        var unsupported = request.GetHeaderValues(HeaderKind.Require)
            .Where(option => !Options.SupportedExtensions.Contains(option, StringComparer.OrdinalIgnoreCase))
            .ToArray();
        if (unsupported.Length > 0 && request.Method != SipMethod.Cancel)
        {
            transaction.Respond(SipRejections.StatusCode(SipParseError.BadExtension), SipRejections.ReasonPhrase(SipParseError.BadExtension), SipIds.NewTag(),
                b => b.Add(HeaderKind.Unsupported, string.Join(", ", unsupported)));
            return false;
        }

        if (request.Method == SipMethod.Invite && request.BodyLength > 0
            && !(request.ContentType ?? string.Empty).StartsWith("application/sdp", StringComparison.OrdinalIgnoreCase))
        {
            transaction.Respond(415, toTag: SipIds.NewTag(), customise: b => b.Add(HeaderKind.Accept, "application/sdp"));
            return false;
        }

        return true;
    }

    private void OnNewInvite(ServerTransaction transaction)
    {
        string retryAfter = Options.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        if (!_guard.TryAdmit(transaction.Remote.Address.Address))
        {
            if (LogThrottle.ShouldLog(ref _refusals, out long count)) UserAgentLog.Overloaded(Logger, transaction.Remote.Address.Address.ToString(), "per-source rate limit", count);
            transaction.Respond(503, "Service Unavailable - Rate Limit", SipIds.NewTag(), b => b.Add(HeaderKind.RetryAfter, retryAfter));
            return;
        }

        if (ActiveCalls >= Options.MaxConcurrentCalls)
        {
            if (LogThrottle.ShouldLog(ref _refusals, out long count)) UserAgentLog.Overloaded(Logger, transaction.Remote.Address.Address.ToString(), "call capacity reached", count);
            transaction.Respond(503, "Service Unavailable - At Capacity", SipIds.NewTag(), b => b.Add(HeaderKind.RetryAfter, retryAfter));
            return;
        }

        var call = new IncomingCall(this, transaction);
        UserAgentLog.IncomingCall(Logger, call.CallId, transaction.Remote.ToString());
        Remember(call);
        _ = RunHandlerAsync(call);
    }

    private async Task RunHandlerAsync(IncomingCall call)
    {
        try
        {
            var handler = _inviteHandler;
            if (handler is null)
            {
                call.Reject(Options.UnhandledInviteStatus, "Temporarily Unavailable - No Call Handler");
                return;
            }

            await handler(call, _stopping?.Token ?? CancellationToken.None).ConfigureAwait(false);
            if (!call.IsAnswered && !call.Cancelled.IsCancellationRequested && !call.Ended.IsCompleted)
            {
                call.Reject(500, "Server Internal Error - Handler Gave No Answer");
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            if (!call.IsAnswered && !call.Ended.IsCompleted)
            {
                // The ACK wait of an answered call may time out; only a handler that never answered earns a 500.
                UserAgentLog.HandlerFailed(Logger, ex);
                call.Reject(500, "Server Internal Error");
            }
        }
    }
}

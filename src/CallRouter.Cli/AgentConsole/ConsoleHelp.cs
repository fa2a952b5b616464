namespace CallRouter.Cli.AgentConsole;

/// <summary>What <c>help</c> prints.</summary>
internal static class ConsoleHelp
{
    public const string Text = """
        commands (one per line; without CALL-ID they act on the current offer or call):
          accept [CALL-ID]                 take the offered call
          decline [REASON...]              turn the offered call down
          hold [CALL-ID]                   put the connected call on hold (the caller hears music)
          resume [CALL-ID]                 take the call off hold
          transfer l2|mfr [CALL-ID]        send the caller to the L2 queue / to the manufacturer's Level 3 line
          wrapup [resolved|needs-l2|escalate|call-back] [NOTES...]
                                           finish after-call work (default disposition: --disposition)
          ready                            available for calls
          notready [REASON...]             not ready, e.g. 'notready lunch'
          status                           the offer and call this console knows of
          help                             this list
          quit                             log out and leave (also 'exit', 'logout'; Ctrl+C works too)
        hanging up is done on the softphone; the server's refusals print as 'refused (CODE): message'.
        """;
}

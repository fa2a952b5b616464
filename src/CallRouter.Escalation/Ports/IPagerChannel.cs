using CallRouter.Escalation.Domain;

namespace CallRouter.Escalation.Ports;

/// <summary>
/// The path to the PTAS and the on-call pagers. SNPP (<see cref="Snpp.SnppClient"/>) is the
/// first implementation; a webhook or SMS gateway would be another.
/// </summary>
public interface IPagerChannel
{
    /// <summary>Sends a page; returns the receipt used for status queries.</summary>
    /// <exception cref="ContactChannelException">The paging side refused the page or could not be reached.</exception>
    Task<PageReceipt> SendPageAsync(PageRequest request, CancellationToken cancellationToken);

    /// <summary>Asks the paging side how a page stands (SOW-A 6.1 item 4: status at any time).</summary>
    /// <exception cref="ContactChannelException">The paging side refused the query or could not be reached.</exception>
    Task<PageStatus> QueryStatusAsync(PageReceipt receipt, CancellationToken cancellationToken);
}

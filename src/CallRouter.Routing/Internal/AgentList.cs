namespace CallRouter.Routing.Internal;

/// <summary>
/// Intrusive doubly linked list of agents. Used for available agents (ordered by availability sequence, so the
/// head is the agent available longest) and for pending offers and wrap-ups (ordered by deadline, which appending
/// preserves because time-outs are fixed and time only moves forward).
/// </summary>
internal sealed class AgentList
{
    public AgentNode? Head { get; private set; }

    public AgentNode? Tail { get; private set; }

    public int Count { get; private set; }

    public void AddLast(AgentNode node)
    {
        node.Previous = Tail;
        node.Next = null;
        if (Tail is null)
        {
            Head = node;
        }
        else
        {
            Tail.Next = node;
        }

        Tail = node;
        node.List = this;
        Count++;
    }

    /// <summary>Inserts by availability sequence (used only when skills change while available; rare).</summary>
    public void InsertByAvailability(AgentNode node)
    {
        var after = Tail;
        while (after is not null && after.Agent.AvailableSequence > node.Agent.AvailableSequence)
        {
            after = after.Previous;
        }

        if (after is null)
        {
            node.Previous = null;
            node.Next = Head;
            if (Head is null)
            {
                Tail = node;
            }
            else
            {
                Head.Previous = node;
            }

            Head = node;
        }
        else
        {
            node.Previous = after;
            node.Next = after.Next;
            if (after.Next is null)
            {
                Tail = node;
            }
            else
            {
                after.Next.Previous = node;
            }

            after.Next = node;
        }

        node.List = this;
        Count++;
    }

    public void Remove(AgentNode node)
    {
        if (node.Previous is null)
        {
            Head = node.Next;
        }
        else
        {
            node.Previous.Next = node.Next;
        }

        if (node.Next is null)
        {
            Tail = node.Previous;
        }
        else
        {
            node.Next.Previous = node.Previous;
        }

        node.Previous = null;
        node.Next = null;
        node.List = null;
        Count--;
    }
}

namespace CallRouter.Media.Sdp;

/// <summary>An <c>a=</c> line: a property attribute (<c>a=sendonly</c>, Value null) or a value attribute (<c>a=ptime:20</c>).</summary>
public readonly record struct SdpAttribute(string Name, string? Value)
{
    public override string ToString() => Value is null ? Name : $"{Name}:{Value}";
}

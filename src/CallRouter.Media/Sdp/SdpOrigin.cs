namespace CallRouter.Media.Sdp;

/// <summary>The <c>o=</c> line (RFC 8866 §5.2). The version must grow on every changed re-offer.</summary>
public sealed record SdpOrigin(
    string UserName,
    ulong SessionId,
    ulong SessionVersion,
    string NetworkType,
    string AddressType,
    string Address)
{
    public SdpOrigin NextVersion() => this with { SessionVersion = SessionVersion + 1 };

    public override string ToString() =>
        $"{UserName} {SessionId} {SessionVersion} {NetworkType} {AddressType} {Address}";
}

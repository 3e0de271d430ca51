namespace MtaLint.Rules.Banners;

/// <summary>MTA102: the greeting names the operating system or distribution (Debian's default <c>(Debian/GNU)</c>).</summary>
internal sealed class Mta102BannerOs : BannerDisclosureRule
{
    public override string Id => "MTA102";

    protected override string What => "names the operating system";

    protected override string Why => "it tells attackers which platform exploits to try; leave it out";

    protected override IReadOnlyList<BannerPiece> Find(BannerText text) => BannerContent.OperatingSystems(text);
}

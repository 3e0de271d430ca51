namespace MtaLint.Rules.Banners;

/// <summary>MTA101: the greeting shows the MTA's version (a version variable, or a version number written out).</summary>
internal sealed class Mta101BannerVersion : BannerDisclosureRule
{
    public override string Id => "MTA101";

    protected override string What => "shows the software version";

    protected override string Why => "it tells attackers which known vulnerabilities to try; leave it out";

    protected override IReadOnlyList<BannerPiece> Find(BannerText text) => BannerContent.Versions(text);
}

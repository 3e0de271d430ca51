namespace MtaLint.Rules.Banners;

/// <summary>MTA109: the greeting shows the date or time (Exim's <c>$tod_full</c>, Sendmail's <c>$b</c>).</summary>
internal sealed class Mta109BannerTimestamp : BannerDisclosureRule
{
    public override string Id => "MTA109";

    protected override string What => "shows the date and time";

    protected override string Why => "it serves no client, reveals the server's clock and time zone, and marks the software by its format; leave it out";

    protected override IReadOnlyList<BannerPiece> Find(BannerText text) => BannerContent.Timestamps(text);
}

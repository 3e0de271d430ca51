namespace MtaLint.Rules.Banners;

/// <summary>MTA103: the greeting names the MTA product (<c>$mail_name</c>, <c>Exim</c>, <c>Sendmail</c>...).</summary>
internal sealed class Mta103BannerSoftware : BannerDisclosureRule
{
    public override string Id => "MTA103";

    protected override string What => "names the mail server software";

    protected override string Why => "clients do not need it and scanners use it to pick targets; a generic banner says only the host name and ESMTP";

    protected override IReadOnlyList<BannerPiece> Find(BannerText text) => BannerContent.Products(text);
}

namespace MtaLint.Rules.Banners;

/// <summary>
/// MTA107: contact details in the greeting (e-mail address, phone number, web address). No fix:
/// the words around them ("contact", "call") belong to the same sentence, and only a person can
/// rephrase it.
/// </summary>
internal sealed class Mta107BannerPersonal : BannerDisclosureRule
{
    public override string Id => "MTA107";

    protected override string What => "contains contact details";

    protected override string Why => "every scanner and spam harvester on the internet reads it; publish contacts on the web site or in the postmaster@ and abuse@ mailboxes instead";

    protected override bool Fixable => false;

    protected override IReadOnlyList<BannerPiece> Find(BannerText text) => BannerContent.ContactDetails(text);
}

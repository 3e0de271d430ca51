using MtaLint.Model;

namespace MtaLint.Rules.Banners;

/// <summary>
/// MTA108: clients see ESMTP twice. Mostly Sendmail, which inserts ESMTP after the first word
/// of its greeting, so a configured ESMTP is the second one; also any banner that says it twice.
/// </summary>
internal sealed class Mta108BannerDuplicateEsmtp : BannerRule
{
    public override string Id => "MTA108";

    protected override bool JudgesLocalOnlyListeners => true;

    protected override IEnumerable<Finding> Check(MtaConfig config, BannerUse use)
    {
        var banner = use.Banner;
        var text = new BannerText(banner);
        var words = BannerContent.EsmtpWords(text);
        if (words.Count < 2)
        {
            yield break;
        }

        var inserted = words.Any(w => w.Part.Kind == BannerPartKind.Inserted);
        var extra = Extra(words);
        var why = inserted
            ? "the MTA inserts ESMTP after the first word of the greeting itself, so the configured one is shown a second time; leave it out of the setting"
            : "once is enough";
        var fix = FixEach(use, own => BannerFix.Removing(config, own, Extra(BannerContent.EsmtpWords(own))));
        yield return Report(config, use, use.Locate(extra), $"clients see ESMTP {words.Count} times in the greeting: {why}", fix);
    }

    // The occurrences to take out: the configured ones where the MTA inserts its own, else all but the first.
    private static BannerPiece[] Extra(IReadOnlyList<BannerPiece> words)
    {
        var inserted = words.Where(w => w.Part.Kind == BannerPartKind.Inserted).ToArray();
        return inserted.Length > 0 ? words.Except(inserted).ToArray() : words.Skip(1).ToArray();
    }
}

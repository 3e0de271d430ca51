using MtaLint.Model;
using MtaLint.Text;

namespace MtaLint.Rules.Banners;

/// <summary>A rule that judges each distinct banner once, with the listeners that send it.</summary>
internal abstract class BannerRule : IRule
{
    public abstract string Id { get; }

    /// <summary>
    /// Whether listeners bound to loopback only are judged. What a banner discloses matters only
    /// where strangers connect; whether it follows the protocol matters everywhere.
    /// </summary>
    protected abstract bool JudgesLocalOnlyListeners { get; }

    /// <inheritdoc/>
    public virtual bool JudgesLiteralParts => false;

    public IEnumerable<Finding> Check(MtaConfig config) =>
        BannerUse.Of(config, JudgesLocalOnlyListeners).SelectMany(use => Check(config, use));

    protected abstract IEnumerable<Finding> Check(MtaConfig config, BannerUse use);

    protected static Finding Report(MtaConfig config, BannerUse use, SourceSpan? at, string message, Fix? fix, params IEnumerable<string> moreNotes)
    {
        fix = SettingFindings.Applicable(config, fix);
        var notes = use.Notes(config).Concat(moreNotes).ToArray();
        if (at is not null)
        {
            return new Finding(at.File, at, message, notes, fix);
        }

        return new Finding(SettingFindings.FileFor(config, fix), null, message, notes, fix);
    }

    /// <summary>The fix for every listener of <paramref name="use"/>, each computed on its own banner.</summary>
    protected static Fix? FixEach(BannerUse use, Func<BannerText, Fix?> fix) =>
        SettingFindings.Combine(use.Services.Select(s => fix(new BannerText(s.Banner))));

    /// <summary>The pieces' texts, trimmed, each once in the order they come, quoted: a string per distinct text, not per piece.</summary>
    protected static string Quote(IEnumerable<BannerPiece> pieces)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var lookup = seen.GetAlternateLookup<ReadOnlySpan<char>>();
        var quoted = new List<string>();
        foreach (var p in pieces)
        {
            var text = p.Part.Rendered.Span.Slice(p.Start, p.Length).Trim();
            if (text.Length > 0 && lookup.Add(text))
            {
                quoted.Add($"\"{text}\"");
            }
        }

        return string.Join(", ", quoted);
    }
}

/// <summary>A rule that objects to something the banner gives away, and takes it out.</summary>
internal abstract class BannerDisclosureRule : BannerRule
{
    protected override bool JudgesLocalOnlyListeners => false;

    /// <summary>What the literal text gives away stays in the banner whatever a template's expression next to it renders as.</summary>
    public override bool JudgesLiteralParts => true;

    /// <summary>What the banner does wrong, after "the banner ": <c>shows the software version</c>.</summary>
    protected abstract string What { get; }

    /// <summary>Why that matters, one clause.</summary>
    protected abstract string Why { get; }

    protected virtual bool Fixable => true;

    protected abstract IReadOnlyList<BannerPiece> Find(BannerText text);

    protected override IEnumerable<Finding> Check(MtaConfig config, BannerUse use)
    {
        var text = new BannerText(use.Banner);
        var pieces = Find(text);
        if (pieces.Count == 0)
        {
            yield break;
        }

        var fix = Fixable
            ? SettingFindings.Combine(use.Services.Select(s =>
            {
                // Most listeners send the very banner judged above: its pieces are already found.
                if (ReferenceEquals(s.Banner, use.Banner))
                {
                    return BannerFix.Removing(config, text, pieces);
                }

                var own = new BannerText(s.Banner);
                return BannerFix.Removing(config, own, Find(own));
            }))
            : null;
        var notes = new List<string>();
        foreach (var via in pieces.Select(p => p.Part.Via).OfType<string>().Distinct())
        {
            notes.Add($"it comes into the banner through {via}");
        }

        if (fix is null || fix.Safety == FixSafety.Unsafe)
        {
            notes.Add("a generic banner gives nothing away: " + use.Banner.Setting.DescribeAssignment(use.Banner.RecommendedRaw));
        }

        yield return Report(config, use, use.Locate(pieces), $"the banner {What} ({Quote(pieces)}): {Why}", fix, notes);
    }
}

namespace MtaLint.Rules;

/// <summary>The rules that judge what a live server shows (MTA4xx).</summary>
internal static class WireRules
{
    public static IEnumerable<IRule> Create() => [];
}

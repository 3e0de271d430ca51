namespace MtaLint.Rules;

/// <summary>The rules that judge a configuration (MTA1xx–MTA3xx).</summary>
internal static class ConfigRules
{
    public static IEnumerable<IRule> Create() => [];
}

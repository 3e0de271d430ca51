namespace MtaLint.Reporting;

/// <summary>How mtalint names itself in machine-readable reports (SARIF driver, JUnit).</summary>
public sealed record ToolInfo(string Name, string RepositoryUrl)
{
    /// <summary>The project's home; rule docs are linked as <c>{RepositoryUrl}/blob/main/rules/ID.md</c>.</summary>
    public const string DefaultRepositoryUrl = "https://github.com/mtalint/mtalint";

    public static ToolInfo Default { get; } = new("mtalint", DefaultRepositoryUrl);

    public string InformationUri => RepositoryUrl;

    public string RuleHelpUri(string ruleId) => $"{RepositoryUrl}/blob/main/rules/{ruleId}.md";

    /// <summary>The release part of an informational version (the SDK appends <c>+commit</c>).</summary>
    public static string Release(string version)
    {
        var plus = version.IndexOf('+');
        return plus > 0 ? version[..plus] : version;
    }
}

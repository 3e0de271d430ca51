using System.Reflection;

namespace MtaLint.Reporting;

/// <summary>How mtalint names itself in machine-readable reports (SARIF driver, JUnit, GitLab).</summary>
public sealed record ToolInfo(string Name, string Version, string RepositoryUrl)
{
    /// <summary>The project's home; rule docs are linked as <c>{RepositoryUrl}/blob/main/rules/ID.md</c>.</summary>
    public const string DefaultRepositoryUrl = "https://github.com/mtalint/mtalint";

    /// <summary>The running tool: version from the entry assembly (the <c>mtalint</c> executable), else this library.</summary>
    public static ToolInfo Current { get; } = new("mtalint", VersionOf(Assembly.GetEntryAssembly() ?? typeof(ToolInfo).Assembly), DefaultRepositoryUrl);

    public string InformationUri => RepositoryUrl;

    public string RuleHelpUri(string ruleId) => $"{RepositoryUrl}/blob/main/rules/{ruleId}.md";

    private static string VersionOf(Assembly assembly)
    {
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (string.IsNullOrEmpty(informational))
        {
            return assembly.GetName().Version?.ToString(3) ?? "0.0.0";
        }

        // The SDK appends "+<commit>" to the informational version; reports want the release.
        var plus = informational.IndexOf('+');
        return plus > 0 ? informational[..plus] : informational;
    }
}

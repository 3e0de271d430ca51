using MtaLint.Rules;
using MtaLint.Text;

namespace MtaLint.Reporting;

/// <summary>
/// Paths as CI systems want them: relative to the checkout (the working directory), with
/// forward slashes, so annotations and SARIF results attach to files in the repository.
/// </summary>
internal sealed class ReportPaths(string baseDirectory)
{
    private readonly string _base = Path.GetFullPath(baseDirectory);

    public static ReportPaths FromCurrentDirectory() => new(Directory.GetCurrentDirectory());

    /// <summary>The path relative to the base when it lies under it, else the absolute path; always with <c>/</c>.</summary>
    public string Relative(string path)
    {
        var full = Path.GetFullPath(path, _base);
        var relative = Path.GetRelativePath(_base, full);
        var result = relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? full : relative;
        return result.Replace('\\', '/');
    }

    /// <summary>
    /// A finding's second location as one line, for the formats that have no place of their own for it
    /// (GitHub annotations, GitLab Code Quality, JUnit): <c>role/defaults/main.yml:3:17: `postfix_banner` has its default here</c>.
    /// What it holds from a config or a path is made harmless to print (<see cref="UnsafeChars"/>, <see cref="EscapedPath"/>).
    /// </summary>
    public string At(RelatedLocation related) =>
        $"{EscapedPath.Of(Relative(related.Location.File.Path))}:{related.Location.Start}: {UnsafeChars.Replaced(related.Message)}";

    /// <summary>A URI reference for SARIF: relative (percent-encoded segments) when under the base, else a <c>file://</c> URI.</summary>
    public string Uri(string path)
    {
        var relative = Relative(path);
        if (relative.StartsWith('/'))
        {
            return new Uri(relative).AbsoluteUri;
        }

        return string.Join('/', relative.Split('/').Select(System.Uri.EscapeDataString));
    }

    /// <summary>The base as a <c>file://</c> URI ending in <c>/</c> (SARIF <c>originalUriBaseIds</c>).</summary>
    public string BaseUri => new Uri(_base.EndsWith('/') ? _base : _base + "/").AbsoluteUri;
}

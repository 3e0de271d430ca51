using System.Diagnostics;
using System.Xml.Linq;

namespace MtaLint.Tests.Infrastructure;

/// <summary>The release this checkout builds: the version in the tool's project file, and git's commits.</summary>
public static class ReleaseInfo
{
    public static string ToolProject => Path.Combine(TestPaths.RepoRoot, "src", "MtaLint.Cli", "MtaLint.Cli.csproj");

    /// <summary>The tool's <c>&lt;Version&gt;</c>, the one place the release number is written.</summary>
    public static string Version { get; } =
        XDocument.Load(ToolProject).Descendants("Version").Single().Value;

    /// <summary>The commit checked out in the repository (what a build of this tree embeds).</summary>
    public static string HeadCommit => Git(TestPaths.RepoRoot, "rev-parse", "HEAD");

    /// <summary>What <c>mtalint --version</c> of a build of <paramref name="commit"/> prints.</summary>
    public static string VersionLine(string commit) => $"mtalint {Version} (commit {commit})\n";

    public static string Git(string folder, params string[] args)
    {
        var psi = new ProcessStartInfo("git") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add("user.name=mtalint tests");
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add("user.email=tests@example.com");
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEndAsync();
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {string.Join(' ', args)} in {folder}: {err.Result}");
        }

        return output.TrimEnd('\n');
    }
}

using MtaLint.Dialects;
using MtaLint.Model;
using MtaLint.Syntax.Sendmail;
using MtaLint.Tests.Infrastructure;
using MtaLint.Text;

namespace MtaLint.Tests.Sendmail;

/// <summary>The .mc inputs the Sendmail tests run over, and helpers to read and analyse them.</summary>
internal static class SendmailTestFiles
{
    public const string Hostname = "mx.example.com";

    public static string CfDir => Path.Combine(TestPaths.OracleRoot, "usr", "share", "sendmail", "cf");

    public static IEnumerable<string> TestData =>
        Directory.EnumerateFiles(Path.Combine(TestPaths.TestData, "sendmail"), "*.mc", SearchOption.AllDirectories).Order(StringComparer.Ordinal);

    public static IEnumerable<string> Corpus => TestPaths.CorpusFiles("sendmail");

    /// <summary><see cref="Corpus"/> without the templates (<see cref="TestDataTemplates"/>).</summary>
    public static IEnumerable<string> LiteralCorpus => Corpus.Where(p => !TestDataTemplates.Holds(p));

    /// <summary>Debian's sendmail-cf examples (cf/cf/*.mc) and its debian/*.mc prototypes.</summary>
    public static IEnumerable<string> DebianExamples =>
        Directory.EnumerateFiles(Path.Combine(CfDir, "cf"), "*.mc").Concat(Directory.EnumerateFiles(Path.Combine(CfDir, "debian"), "*.mc")).Order(StringComparer.Ordinal);

    public static TheoryData<string> Names(IEnumerable<string> paths)
    {
        var data = new TheoryData<string>();
        foreach (var p in paths)
        {
            data.Add(Path.GetRelativePath(TestPaths.RepoRoot, p));
        }

        return data;
    }

    public static string Full(string relative) => Path.GetFullPath(Path.Combine(TestPaths.RepoRoot, relative));

    public static SourceFile Read(string relative) => SourceFile.FromBytes(relative, File.ReadAllBytes(Full(relative)));

    /// <summary>The model; an error is allowed only where the .mc includes a file that is not here (m4 reports it and goes on; the model says it is missing).</summary>
    public static MtaConfig Analyze(SourceFile file)
    {
        var result = new SendmailDialect().Analyze([file], new AnalysisOptions(Hostname));
        Assert.True(result.Config is not null, string.Join("\n", result.Errors.Select(e => $"{e.Location}: {e.Message}")));
        Assert.Equal(result.Config.Gaps.Select(g => g.At), result.Errors.Select(e => e.Location));
        return result.Config;
    }

    public static McDocument Parse(string text)
    {
        var result = M4Parser.Parse(new SourceFile("test.mc", text));
        Assert.Null(result.Error);
        return result.Document!;
    }

    private const string DebianCfInclude = "/usr/share/sendmail/cf/";

    /// <summary>The file includes Debian's cf.m4 itself (Debian builds it with <c>m4 sendmail.mc</c>).</summary>
    public static bool IncludesDebianCfM4(string text) => text.Contains("include(`" + DebianCfInclude + "m4/cf.m4')", StringComparison.Ordinal);

    /// <summary>
    /// Builds the .cf with real m4 and sendmail-cf as the file is meant to be built: <c>m4 cf.m4 file.mc</c>,
    /// or, for a Debian-style file that includes cf.m4 itself, <c>m4 file.mc</c> with that include pointed at
    /// the unpacked tree (so <c>#</c> lines before it are m4 comments, and cf.m4 resets what came before).
    /// Null when m4 does not produce a .cf.
    /// </summary>
    public static string? BuildCf(string mcPath)
    {
        var m4 = Path.Combine("usr", "bin", "m4");
        var text = File.ReadAllText(mcPath, System.Text.Encoding.Latin1);
        string stdout;
        if (IncludesDebianCfM4(text))
        {
            var temp = Path.Combine(Path.GetTempPath(), $"mtalint-debian-{Guid.NewGuid():N}.mc");
            File.WriteAllText(temp, text.Replace(DebianCfInclude, CfDir + "/", StringComparison.Ordinal), System.Text.Encoding.Latin1);
            try
            {
                stdout = Oracle.Run(m4, [temp]).Stdout;
            }
            finally
            {
                File.Delete(temp);
            }
        }
        else
        {
            stdout = Oracle.Run(m4, ["-D_CF_DIR_=" + CfDir + "/", Path.Combine(CfDir, "m4", "cf.m4"), mcPath]).Stdout;
        }

        return stdout.Contains("SmtpGreetingMessage", StringComparison.Ordinal) ? stdout : null;
    }

    /// <summary>The value of <c>O Name=</c> in a .cf; for an option proto.m4 comments out (<c>#O Name=...</c>), null.</summary>
    public static string? CfOption(string cf, string name)
    {
        foreach (var line in cf.Split('\n'))
        {
            if (line.StartsWith("O " + name + "=", StringComparison.Ordinal))
            {
                return line[(name.Length + 3)..];
            }
        }

        return null;
    }
}

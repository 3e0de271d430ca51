using MtaLint.Dialects;
using MtaLint.Text;

namespace MtaLint.Benchmarks;

/// <summary>The real-world configs of one dialect, read into memory once per benchmark.</summary>
public sealed class CorpusSet
{
    private CorpusSet(IDialect dialect, IReadOnlyList<SourceFile> files)
    {
        Dialect = dialect;
        Files = files;
        Bytes = files.Sum(f => (long)f.Encode().Length);
    }

    public IDialect Dialect { get; }

    public IReadOnlyList<SourceFile> Files { get; }

    public long Bytes { get; }

    /// <summary>Files of <c>testdata/corpus/NAME</c> and <c>testdata/NAME</c> for the dialect called NAME.</summary>
    public static CorpusSet Load(string dialectName)
    {
        var dialect = DialectRegistry.Find(dialectName) ?? throw new ArgumentException($"no dialect {dialectName}");
        var root = RepoRoot();
        var folders = new[] { Path.Combine(root, "testdata", "corpus", dialectName), Path.Combine(root, "testdata", dialectName) };
        var files = folders.Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "*", SearchOption.AllDirectories))
            .Where(p => !p.EndsWith(".md", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(p => SourceFile.FromBytes(p, File.ReadAllBytes(p)))
            .ToArray();
        return new CorpusSet(dialect, files);
    }

    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MtaLint.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("MtaLint.sln not found above " + AppContext.BaseDirectory);
    }
}

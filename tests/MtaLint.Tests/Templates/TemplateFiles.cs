using MtaLint.Dialects;
using MtaLint.Syntax.Templates;
using MtaLint.Tests.Infrastructure;
using MtaLint.Text;

namespace MtaLint.Tests.Templates;

/// <summary>
/// The templates the tests read: the hand-made fixtures under <c>TestData/template-syntax/</c> (every construct of
/// every engine) and the real ones gathered under <c>TestData/templates/</c>. A file is a template when
/// <see cref="TemplateDetector.Recognize"/> says so; the YAML, Ruby and Puppet files beside them are not.
/// </summary>
public static class TemplateFiles
{
    private static string Syntax => Path.Combine(TestPaths.TestsData, "template-syntax");

    private static string Errors => Path.Combine(Syntax, "errors");

    private static string Real => Path.Combine(TestPaths.TestsData, "templates");

    /// <summary>Every template the engines accept, as a path relative to <see cref="TestPaths.TestsData"/>.</summary>
    public static TheoryData<string> Valid() => Data(Templates().Where(p => !p.StartsWith(Errors + "/", StringComparison.Ordinal)));

    /// <summary>The templates of the engines a test can render (Jinja2, ERB).</summary>
    public static TheoryData<string> Renderable() =>
        Data(Templates().Where(p => !p.StartsWith(Errors + "/", StringComparison.Ordinal) && Options(p).Engine != TemplateEngine.Epp));

    /// <summary>The fixtures every engine refuses, each with a <c>.expected</c> file holding <c>line:column</c> of the first error.</summary>
    public static TheoryData<string> Invalid() => Data(Directory.EnumerateFiles(Errors).Where(p => !p.EndsWith(".expected", StringComparison.Ordinal)));

    public static string FullPath(string relative) => Path.Combine(TestPaths.TestsData, relative);

    public static SourceFile Read(string relative) => SourceFile.FromBytes(relative, File.ReadAllBytes(FullPath(relative)));

    public static TemplateOptions Options(string path)
    {
        return TemplateDetector.Recognize(path, File.ReadAllText(Path.IsPathRooted(path) ? path : FullPath(path)))
            ?? throw new InvalidOperationException($"{path} is not recognised as a template");
    }

    private static IEnumerable<string> Templates() =>
        new[] { Syntax, Real }.Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "*", SearchOption.AllDirectories))
            .Where(p => TemplateDetector.Recognize(p, File.ReadAllText(p)) is not null);

    private static TheoryData<string> Data(IEnumerable<string> paths)
    {
        var data = new TheoryData<string>();
        foreach (var p in paths.Select(p => Path.GetRelativePath(TestPaths.TestsData, p)).Order(StringComparer.Ordinal))
        {
            data.Add(p);
        }

        return data;
    }
}

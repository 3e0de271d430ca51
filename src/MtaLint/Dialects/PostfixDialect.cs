using MtaLint.Model;
using MtaLint.Model.Postfix;
using MtaLint.Syntax.Postfix;
using MtaLint.Text;

namespace MtaLint.Dialects;

/// <summary>
/// Postfix: <c>main.cf</c> and <c>master.cf</c> (also <c>main.cf.debian</c>, <c>main.cf.dist</c>,
/// <c>master.cf.dist</c>, templates such as <c>main.cf.j2</c>, and names ending in <c>main.cf</c>/<c>master.cf</c>).
/// A main.cf and the master.cf beside it are read as one configuration.
/// </summary>
internal sealed class PostfixDialect : IDialect
{
    public string Name => "postfix";

    public MtaKind Mta => MtaKind.Postfix;

    public bool Recognizes(string path, Func<string> head) => KindOf(path) is not null;

    public IReadOnlyList<ConfigUnit> Group(IReadOnlyList<string> paths)
    {
        var units = new List<ConfigUnit>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var folder in paths.GroupBy(p => Path.GetDirectoryName(p) ?? string.Empty))
        {
            var mains = folder.Where(p => KindOf(p) == FileKind.Main).ToList();
            var masters = folder.Where(p => KindOf(p) == FileKind.Master).ToList();
            foreach (var main in mains)
            {
                var name = Path.GetFileName(main);
                var partner = masters.FirstOrDefault(m => !used.Contains(m) && Path.GetFileName(m) == ReplaceLast(name, "main.cf", "master.cf"));
                if (partner is null && mains.Count == 1 && masters.Count == 1 && !used.Contains(masters[0]))
                {
                    partner = masters[0];
                }

                if (partner is not null)
                {
                    used.Add(partner);
                    units.Add(new ConfigUnit(this, [main, partner]));
                }
                else
                {
                    units.Add(new ConfigUnit(this, [main]));
                }

                used.Add(main);
            }
        }

        foreach (var path in paths.Where(p => !used.Contains(p)))
        {
            units.Add(new ConfigUnit(this, [path]));
        }

        return units;
    }

    public AnalysisResult Analyze(IReadOnlyList<SourceFile> files, AnalysisOptions options)
    {
        MainCfDocument? main = null;
        MasterCfDocument? master = null;
        foreach (var file in files)
        {
            if (KindOf(file.Path) == FileKind.Master && master is null)
            {
                master = MasterCfParser.Parse(file);
            }
            else if (main is null)
            {
                main = MainCfParser.Parse(file);
            }
            else
            {
                return AnalysisResult.Failure(new SyntaxError(file.Span(0, 0), $"a Postfix configuration has one main.cf; {main.File.Path} is already read"));
            }
        }

        return new PostfixExtractor(main, master, options).Extract();
    }

    public string Reprint(SourceFile file) =>
        KindOf(file.Path) == FileKind.Master ? MasterCfParser.Parse(file).Print() : MainCfParser.Parse(file).Print();

    /// <summary><c>#</c> as a line's first non-blank char, also inside a continued value (elsewhere <c>#</c> is part of the value).</summary>
    public CommentSyntax Comments => CommentSyntax.Hash;

    private enum FileKind
    {
        Main,
        Master,
    }

    private static readonly System.Text.RegularExpressions.Regex MainName = new(@"(^|[^a-z0-9])main\.cf($|\.)", System.Text.RegularExpressions.RegexOptions.CultureInvariant);
    private static readonly System.Text.RegularExpressions.Regex MasterName = new(@"(^|[^a-z0-9])master\.cf($|\.)", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>
    /// By name only (Postfix files have no telling first line): <c>main.cf</c>/<c>master.cf</c> as the
    /// name, its end (<c>postfix-main.cf</c>) or before a suffix (<c>main.cf.debian</c>, <c>main.cf.j2</c>), not inside a word (<c>domain.cfg</c>).
    /// </summary>
    private static FileKind? KindOf(string path)
    {
        var name = Path.GetFileName(path).ToLowerInvariant();
        if (MasterName.IsMatch(name))
        {
            return FileKind.Master;
        }

        return MainName.IsMatch(name) ? FileKind.Main : null;
    }

    private static string ReplaceLast(string text, string find, string replacement)
    {
        var at = text.LastIndexOf(find, StringComparison.OrdinalIgnoreCase);
        return at < 0 ? text : text[..at] + replacement + text[(at + find.Length)..];
    }
}

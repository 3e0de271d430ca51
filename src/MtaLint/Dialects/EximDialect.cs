using MtaLint.Model;
using MtaLint.Model.Exim;
using MtaLint.Syntax.Exim;
using MtaLint.Text;

namespace MtaLint.Dialects;

/// <summary>
/// Exim: a monolithic config (<c>exim.conf</c>, <c>exim4.conf</c>, <c>configure</c>), Debian's
/// <c>exim4.conf.template</c> (after <c>exim4.conf.localmacros</c> when present), and Debian's split
/// <c>conf.d/</c>, whose fragments update-exim4.conf concatenates into one config.
/// </summary>
public sealed class EximDialect : IDialect, ILosslessSyntax
{
    /// <summary>update-exim4.conf's section folders, in the order it concatenates them.</summary>
    public static readonly IReadOnlyList<string> SplitSections = ["main", "acl", "router", "transport", "retry", "rewrite", "auth"];

    private static readonly HashSet<string> FileNames = ["exim.conf", "exim4.conf", "exim4.conf.template", "exim4.conf.localmacros"];

    private const string LocalMacros = "exim4.conf.localmacros";

    public string Name => "exim";

    public MtaKind Mta => MtaKind.Exim;

    public bool Recognizes(string path, Func<string> head)
    {
        var name = Path.GetFileName(path);
        if (FileNames.Contains(name))
        {
            return true;
        }

        if (SplitRoot(path) is not null)
        {
            return true;
        }

        if (name == "configure" || name.EndsWith(".conf", StringComparison.Ordinal) && path.Contains("exim", StringComparison.OrdinalIgnoreCase))
        {
            return LooksLikeExim(head());
        }

        return false;
    }

    /// <summary>Content typical of Exim and of nothing else: a <c>begin</c> section line, or Exim-only main options.</summary>
    public static bool LooksLikeExim(string text) =>
        System.Text.RegularExpressions.Regex.IsMatch(text,
            @"^\s*(begin\s+(acl|routers|transports|authenticators|retry|rewrite)\s*$|(domainlist|hostlist)\s+\S+\s*=|(acl_smtp_\w+|primary_hostname|smtp_banner|qualify_domain|tls_advertise_hosts)\s*=)",
            System.Text.RegularExpressions.RegexOptions.Multiline);

    /// <summary>The conf.d folder a fragment belongs to (<c>conf.d/main/02_options</c> → <c>conf.d</c>), or null.</summary>
    public static string? SplitRoot(string path)
    {
        var name = Path.GetFileName(path);
        var section = Path.GetDirectoryName(path);
        var root = section is null ? null : Path.GetDirectoryName(section);
        if (section is null || root is null || Path.GetFileName(root) != "conf.d" || !SplitSections.Contains(Path.GetFileName(section)))
        {
            return null;
        }

        // update-exim4.conf's run-parts filter: other names (backups, .dpkg-old) are ignored, but NAME.rul
        // is read in place of NAME when NAME is there (a hook naming a changed .rul must find its unit).
        return IsFragmentName(name) || IsRulFor(section, name) ? root : null;
    }

    private static bool IsRulFor(string section, string name) =>
        name.EndsWith(".rul", StringComparison.Ordinal) && IsFragmentName(name[..^4]) && File.Exists(Path.Combine(section, name[..^4]));

    private static bool IsFragmentName(string name) => name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');

    public IReadOnlyList<ConfigUnit> Group(IReadOnlyList<string> paths)
    {
        var units = new List<ConfigUnit>();
        var done = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            if (done.Contains(path))
            {
                continue;
            }

            if (SplitRoot(path) is { } root)
            {
                var fragments = SplitFragments(root);
                foreach (var p in paths.Where(p => SplitRoot(p) == root))
                {
                    done.Add(p);
                    if (!fragments.Contains(p) && !fragments.Contains(p + ".rul"))
                    {
                        fragments.Add(p);
                    }
                }

                units.Add(new ConfigUnit(this, fragments));
                continue;
            }

            var name = Path.GetFileName(path);
            var directory = Path.GetDirectoryName(path) ?? string.Empty;
            var macros = Path.Combine(directory, LocalMacros);
            if (name == "exim4.conf.template" && File.Exists(macros))
            {
                var given = paths.FirstOrDefault(p => Path.GetFileName(p) == LocalMacros && Path.GetDirectoryName(p) == directory) ?? macros;
                done.Add(given);
                done.Add(path);
                units.Add(new ConfigUnit(this, [given, path]));
                continue;
            }

            if (name == LocalMacros && paths.Any(p => Path.GetFileName(p) == "exim4.conf.template" && Path.GetDirectoryName(p) == directory))
            {
                continue; // read with its template
            }

            done.Add(path);
            units.Add(new ConfigUnit(this, [path]));
        }

        return units;
    }

    /// <summary>Every fragment of a conf.d in update-exim4.conf's order: sections in order, names sorted bytewise, <c>NAME.rul</c> in place of <c>NAME</c>.</summary>
    public static List<string> SplitFragments(string root)
    {
        var result = new List<string>();
        foreach (var section in SplitSections)
        {
            var dir = Path.Combine(root, section);
            if (!Directory.Exists(dir))
            {
                continue;
            }

            foreach (var file in Directory.EnumerateFiles(dir).Where(f => IsFragmentName(Path.GetFileName(f))).Order(StringComparer.Ordinal))
            {
                result.Add(File.Exists(file + ".rul") ? file + ".rul" : file);
            }
        }

        return result;
    }

    public string Reprint(SourceFile file) => EximDocument.Parse(file).Print();

    public AnalysisResult Analyze(IReadOnlyList<SourceFile> files, AnalysisOptions options)
    {
        var given = files.ToDictionary(f => Path.GetFullPath(f.Path), f => f, StringComparer.Ordinal);
        SourceFile? Load(string path, out string? unreadable)
        {
            unreadable = null;
            // A stray NUL in an .include name (found by the fuzzer) names no file Exim could open.
            if (path.Contains('\0', StringComparison.Ordinal))
            {
                unreadable = "the name holds a NUL byte";
                return null;
            }

            var full = Path.GetFullPath(path);
            if (given.TryGetValue(full, out var file))
            {
                return file;
            }

            if (!File.Exists(full) && !Directory.Exists(full))
            {
                return null;
            }

            // The workspace's read: a FIFO is refused instead of blocking, a folder or a huge file is reported.
            var input = InputFile.Read(path, out var error);
            if (error is not null)
            {
                unreadable = error;
                return null;
            }

            given[full] = input.Source;
            return input.Source;
        }

        var read = EximReader.Read(files, EximOptionTable.Current.BuiltInMacros, options.Defines, Load, EximOptionTable.Current.BuiltInMacroNames);
        // Exim refuses to start on any of these errors, so neither do the rules: a model of a
        // config Exim would not load could only mislead.
        var included = read.Files.Where(f => !files.Contains(f)).ToArray();
        if (read.Errors.Count > 0)
        {
            return AnalysisResult.Failure([.. read.Errors]) with { Included = included };
        }

        return AnalysisResult.Success(new EximExtractor(read, options).Extract()) with { Included = included };
    }
}

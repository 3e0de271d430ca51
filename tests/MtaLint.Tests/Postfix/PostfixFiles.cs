using MtaLint.Dialects;
using MtaLint.Tests.Infrastructure;
using MtaLint.Text;

namespace MtaLint.Tests.Postfix;

/// <summary>Every Postfix file the tests read: testdata/postfix, the shared corpus, and Debian's own files.</summary>
public static class PostfixFiles
{
    public static string DebianFolder => Path.Combine(TestPaths.OracleRoot, "usr", "share", "postfix");

    /// <summary>
    /// The units (as <see cref="UnitsAsData"/> names them) postconf refuses as they are, each with words of its
    /// refusal (checked, so a unit refused for another reason is noticed) and why. The oracle tests fail on a
    /// refusal not listed here, and on a listed unit that postconf reads.
    /// </summary>
    public static IReadOnlyDictionary<string, string> PostconfRefusals { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        // Test cases that exist to be unreadable.
        ["testdata/postfix/invalid-macro/main.cf"] = "empty macro name: \"$myhostname ESMTP $ price\"",
        ["testdata/postfix/invalid-master-field/main.cf|testdata/postfix/invalid-master-field/master.cf"] = "fatal: invalid private field \"maybe\"",
        ["testdata/postfix/invalid-missing-equals/main.cf"] = "missing '=' after attribute name: \"this line has no equals sign\"",

        // Templates whose installer replaces placeholders and directives (PH_*, {% if %}, %{name}) before Postfix reads them.
        ["testdata/corpus/postfix/iredmail__iRedMail__samples_postfix_main.cf|testdata/corpus/postfix/iredmail__iRedMail__samples_postfix_master.cf"] =
            "invalid process_limit field \"PH_AMAVISD_MAX_SERVERS\"",
        ["testdata/corpus/postfix/modoboa__modoboa-installer__modoboa_installer_scripts_files_postfix_main.cf.tpl|testdata/corpus/postfix/modoboa__modoboa-installer__modoboa_installer_scripts_files_postfix_master.cf.tpl"] =
            "missing '=' after attribute name: \"%{dovecot_enabled}",
    };

    /// <summary><see cref="UnitsAsData"/> without the units that hold a template (see <see cref="TestDataTemplates"/>).</summary>
    public static TheoryData<string> LiteralUnitsAsData() =>
        new(Units().Where(u => !u.Paths.Any(p => TestDataTemplates.Holds(Relative(p)))).Select(u => string.Join("|", u.Paths.Select(Relative))));

    public static IEnumerable<string> All()
    {
        var dialect = new PostfixDialect();
        var files = Directory.EnumerateFiles(Path.Combine(TestPaths.TestData, "postfix"), "*", SearchOption.AllDirectories)
            .Concat(TestPaths.CorpusFiles("postfix"))
            .Concat(new[] { "main.cf.debian", "main.cf.dist", "master.cf.dist", "main.cf.tls" }.Select(n => Path.Combine(DebianFolder, n)));
        return files.Where(f => dialect.Recognizes(f, () => string.Empty)).Order(StringComparer.Ordinal);
    }

    /// <summary>Configurations as the dialect groups them (a main.cf with its master.cf).</summary>
    public static IEnumerable<ConfigUnit> Units() => new PostfixDialect().Group(All().ToList());

    public static TheoryData<string> AllAsData() => new(All().Select(Relative));

    public static TheoryData<string> UnitsAsData() => new(Units().Select(u => string.Join("|", u.Paths.Select(Relative))));

    public static string Relative(string path) => Path.GetRelativePath(TestPaths.RepoRoot, path);

    public static string Absolute(string relative) => Path.GetFullPath(Path.Combine(TestPaths.RepoRoot, relative));

    public static SourceFile Read(string path) => SourceFile.FromBytes(path, File.ReadAllBytes(path));

    public static bool IsMaster(string path) => Path.GetFileName(path).Contains("master.cf", StringComparison.OrdinalIgnoreCase);
}

/// <summary>The real postconf from the unpacked Debian package.</summary>
public static class Postconf
{
    public const string Exe = "usr/sbin/postconf";
    public const string LibDir = "usr/lib/postfix";

    /// <summary>Copies a unit into a fresh folder as main.cf and master.cf (Debian's stock master.cf when the unit has none).</summary>
    public static string Stage(IReadOnlyList<string> paths)
    {
        var dir = Directory.CreateTempSubdirectory("mtalint-postconf-").FullName;
        var master = paths.FirstOrDefault(PostfixFiles.IsMaster);
        var main = paths.FirstOrDefault(p => !PostfixFiles.IsMaster(p));
        File.WriteAllBytes(Path.Combine(dir, "main.cf"), main is null ? [] : File.ReadAllBytes(main));
        File.Copy(master ?? Path.Combine(PostfixFiles.DebianFolder, "master.cf.dist"), Path.Combine(dir, "master.cf"));

        // postconf re-reads a file modified within the last second ("let it cool down"): age them.
        foreach (var file in Directory.EnumerateFiles(dir))
        {
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddHours(-1));
        }

        return dir;
    }

    public static Oracle.Result Run(params string[] args) => Oracle.Run(Exe, args, libDir: LibDir);

    /// <summary><c>postconf -n</c> as name → value, without <c>config_directory</c>; null when postconf fails.</summary>
    public static Dictionary<string, string>? NonDefault(string dir)
    {
        var result = Run("-c", dir, "-n");
        if (result.ExitCode != 0)
        {
            return null;
        }

        return Parse(result.Stdout).Where(kv => kv.Key != "config_directory").ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
    }

    public static IEnumerable<KeyValuePair<string, string>> Parse(string output)
    {
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = line.IndexOf(" =", StringComparison.Ordinal);
            var value = line[(eq + 2)..];
            yield return new(line[..eq], value.StartsWith(' ') ? value[1..] : value);
        }
    }
}

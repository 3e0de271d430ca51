using MtaLint.Dialects;
using MtaLint.Fixes;
using MtaLint.Model;
using MtaLint.Tests.Infrastructure;
using MtaLint.Text;

namespace MtaLint.Tests.Exim;

/// <summary>
/// Setting the banner to the generic one through the dialect's setting editor (what the banner
/// rules' fixes do) gives configs the real Exim loads and whose greeting is <c>220 host ESMTP</c>.
/// </summary>
public class EximFixTests
{
    private static string DebianRoot => Path.Combine(TestPaths.OracleRoot, "etc", "exim4");

    /// <summary>A config unit copied into a temp folder, keeping the layout its includes and conf.d need.</summary>
    private sealed record Workspace(string Root, IReadOnlyList<string> Paths);

    private static Workspace Copy(string sourceRoot, IEnumerable<string> paths)
    {
        var root = Directory.CreateTempSubdirectory("mtalint-exim-fix-").FullName;
        foreach (var file in Directory.EnumerateFiles(sourceRoot, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(root, Path.GetRelativePath(sourceRoot, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return new Workspace(root, paths.Select(p => Path.Combine(root, Path.GetRelativePath(sourceRoot, p))).ToArray());
    }

    /// <summary>What update-exim4.conf makes of a split config: the fragments concatenated, each ended by a blank line.</summary>
    private static string Concatenate(IReadOnlyList<SourceFile> files, string folder)
    {
        var path = Path.Combine(folder, "exim4.conf.concatenated");
        File.WriteAllText(path, string.Concat(files.Select(f => $"### {f.Path}\n{f.Text}\n")));
        return path;
    }

    private static (IReadOnlyList<SourceFile> Files, MtaConfig Config) FixBanner(IReadOnlyList<string> paths)
    {
        var files = EximTestHost.Read(paths);
        var config = EximTestHost.Dialect.Analyze(files, EximTestHost.Options).Config!;
        var banner = config.Services[0].Banner;
        Assert.Contains(banner.Parts, p => p.Kind == BannerPartKind.Version);
        Assert.Contains(banner.Parts, p => p.Kind == BannerPartKind.Timestamp);
        var fixedFiles = Fixer.Apply(files, [banner.Setting.SetTo(banner.RecommendedRaw)]);
        var after = EximTestHost.Dialect.Analyze(fixedFiles, EximTestHost.Options);
        Assert.Empty(after.Errors);
        return (fixedFiles, after.Config!);
    }

    private static void AssertEximGreets(string configPath, string expectedHost)
    {
        var check = EximTestHost.RunExim("-C", configPath, "-bV");
        Assert.True(check.ExitCode == 0, check.Stdout + check.Stderr);
        var session = EximTestHost.RunEximWithInput("QUIT\r\n", "-C", configPath, "-bs");
        Assert.Equal($"220 {expectedHost} ESMTP", session.Stdout.Split("\r\n")[0]);
    }

    private static string MachineHostname(string configPath) =>
        EximTestHost.RunExim("-C", configPath, "-bP", "primary_hostname").Stdout.Trim().Replace("primary_hostname = ", string.Empty);

    [Fact]
    public void Debian_template_gets_a_generic_banner_exim_accepts()
    {
        var ws = Copy(DebianRoot, [Path.Combine(DebianRoot, "exim4.conf.template")]);
        var (files, config) = FixBanner(ws.Paths);
        foreach (var f in files)
        {
            File.WriteAllText(f.Path, f.Text);
        }

        var text = files[0].Text;
        var inserted = text.IndexOf("smtp_banner = $smtp_active_hostname ESMTP\n", StringComparison.Ordinal);
        Assert.True(inserted > 0 && inserted < text.IndexOf("\nbegin acl", StringComparison.Ordinal), "inserted in the main section");
        Assert.Equal(EximTestHost.Options.Hostname + " ESMTP", config.Services[0].Banner.Rendered);
        AssertEximGreets(ws.Paths[0], MachineHostname(ws.Paths[0]));
    }

    [Fact]
    public void Debian_split_config_gets_the_banner_in_a_main_fragment()
    {
        var confd = Path.Combine(DebianRoot, "conf.d");
        var ws = Copy(confd, EximDialect.SplitFragments(confd));
        var (files, config) = FixBanner(ws.Paths);
        var changed = files.Zip(EximTestHost.Read(ws.Paths)).Where(p => p.First.Text != p.Second.Text).Select(p => p.First).ToList();
        var only = Assert.Single(changed);
        Assert.Equal("main", Path.GetFileName(Path.GetDirectoryName(only.Path)));
        Assert.EndsWith("smtp_banner = $smtp_active_hostname ESMTP\n", only.Text);
        Assert.Equal(EximTestHost.Options.Hostname + " ESMTP", config.Services[0].Banner.Rendered);
        var concatenated = Concatenate(files, ws.Root);
        AssertEximGreets(concatenated, MachineHostname(concatenated));
    }

    public static TheoryData<string> TestDataWithVersionBanner() =>
        new(EximTestHost.TestDataConfigs().Where(p => EximTestHost.Analyze(p).Config!.Services[0].Banner.Parts.Any(x => x.Kind == BannerPartKind.Version)));

    [Theory]
    [MemberData(nameof(TestDataWithVersionBanner))]
    public void Testdata_banner_fix_is_accepted_by_exim(string path)
    {
        var dir = Path.GetDirectoryName(path)!;
        var ws = Copy(dir, [path]);
        var (files, _) = FixBanner(ws.Paths);
        File.WriteAllText(files[0].Path, files[0].Text);
        var host = MachineHostname(files[0].Path);
        AssertEximGreets(files[0].Path, host);
    }

    [Fact]
    public void Banner_from_a_macro_is_fixed_in_the_macro_definition()
    {
        const string text = "BANNER = $smtp_active_hostname ESMTP Exim $version_number\nsmtp_banner = BANNER\n";
        var config = EximTestHost.Config(text);
        var edit = config.Services[0].Banner.Setting.SetTo("$smtp_active_hostname ESMTP");
        var fixedText = Fixer.Apply([config.Files[0]], [edit])[0].Text;
        Assert.Equal("BANNER = $smtp_active_hostname ESMTP\nsmtp_banner = BANNER\n", fixedText);
    }

    [Fact]
    public void Banner_from_a_shared_macro_is_fixed_in_the_option()
    {
        const string text = "B = $smtp_active_hostname ESMTP Exim $version_number\nsmtp_banner = B\nreceived_header_text = B\n";
        var config = EximTestHost.Config(text);
        var edit = config.Services[0].Banner.Setting.SetTo("$smtp_active_hostname ESMTP");
        var fixedText = Fixer.Apply([config.Files[0]], [edit])[0].Text;
        Assert.Equal("B = $smtp_active_hostname ESMTP Exim $version_number\nsmtp_banner = $smtp_active_hostname ESMTP\nreceived_header_text = B\n", fixedText);
    }

    [Fact]
    public void Directive_inside_a_continued_value_survives_the_fix()
    {
        // Exim reads `.endif` in the middle of the continued value; the value then takes in the next line.
        const string text = ".ifdef NOPE\n.else\nsmtp_banner = $smtp_active_hostname ESMTP Exim \\\n  # note\n.endif\n  $version_number\nqualify_domain = a\n";
        var path = EximSyntaxTests.WriteTemp(text);
        var config = EximTestHost.Analyze(path).Config!;
        Assert.Equal("$smtp_active_hostname ESMTP Exim $version_number", config.Services[0].Banner.Setting.Raw);
        var fixedText = Fixer.Apply(config.Files, [config.Services[0].Banner.Setting.SetTo("$smtp_active_hostname ESMTP")])[0].Text;
        Assert.Equal(".ifdef NOPE\n.else\nsmtp_banner = $smtp_active_hostname ESMTP\n  # note\n.endif\nqualify_domain = a\n", fixedText);
        File.WriteAllText(path, fixedText);
        AssertEximGreets(path, MachineHostname(path));
    }

    [Fact]
    public void Insertion_is_never_inside_a_conditional_branch()
    {
        const string text = "primary_hostname = a\n.ifdef NOPE\nqualify_domain = b\n.endif\n\n# acl header\nbegin acl\n";
        var config = EximTestHost.Config(text);
        var edit = config.Services[0].Banner.Setting.SetTo("$smtp_active_hostname ESMTP");
        var fixedText = Fixer.Apply([config.Files[0]], [edit])[0].Text;
        Assert.Equal("primary_hostname = a\n.ifdef NOPE\nqualify_domain = b\n.endif\nsmtp_banner = $smtp_active_hostname ESMTP\n\n# acl header\nbegin acl\n", fixedText);
    }

    [Fact]
    public void Insertion_into_a_file_without_final_newline_starts_a_new_line()
    {
        var config = EximTestHost.Config("primary_hostname = a");
        var edit = config.Services[0].Banner.Setting.SetTo("$smtp_active_hostname ESMTP");
        Assert.Equal("primary_hostname = a\nsmtp_banner = $smtp_active_hostname ESMTP\n", Fixer.Apply([config.Files[0]], [edit])[0].Text);
    }

    [Fact]
    public void Crlf_files_get_crlf_insertions()
    {
        var config = EximTestHost.Config("primary_hostname = a\r\nbegin acl\r\n");
        var edit = config.Services[0].Banner.Setting.SetTo("$smtp_active_hostname ESMTP");
        Assert.Equal("primary_hostname = a\r\nsmtp_banner = $smtp_active_hostname ESMTP\r\nbegin acl\r\n", Fixer.Apply([config.Files[0]], [edit])[0].Text);
    }
}

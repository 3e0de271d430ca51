using MtaLint.Dialects;
using MtaLint.Tests.Infrastructure;

namespace MtaLint.Tests.Exim;

public class EximDialectTests
{
    private static readonly EximDialect Dialect = new();

    [Theory]
    [InlineData("/etc/exim4/exim4.conf.template", "", true)]
    [InlineData("/etc/exim4/exim4.conf", "", true)]
    [InlineData("/etc/exim.conf", "", true)]
    [InlineData("/etc/exim4/exim4.conf.localmacros", "", true)]
    [InlineData("/usr/exim/configure", "primary_hostname = a\nbegin acl\n", true)]
    [InlineData("/src/configure", "#!/bin/sh\n./configure --prefix=/usr\n", false)]
    [InlineData("/etc/exim4/conf.d/main/02_exim4-config_options", "", true)]
    [InlineData("/etc/exim4/conf.d/main/02_options.dpkg-old", "", false)]
    [InlineData("/etc/exim4/conf.d/acl/30_check_rcpt.rul", "", false)]
    [InlineData("/etc/exim4/conf.d/other/10_x", "", false)]
    [InlineData("/etc/exim4/update-exim4.conf.conf", "dc_eximconfig_configtype='local'\n", true)]
    [InlineData("/etc/postfix/main.cf", "", false)]
    public void Recognizes_exim_files(string path, string head, bool expected) =>
        Assert.Equal(expected, Dialect.Recognizes(path, () => head));

    [Fact]
    public void Split_config_is_one_unit_in_update_exim4_conf_order()
    {
        var root = Directory.CreateTempSubdirectory("mtalint-confd-").FullName;
        var confd = Path.Combine(root, "conf.d");
        string Write(string section, string name, string text)
        {
            var dir = Path.Combine(confd, section);
            Directory.CreateDirectory(dir);
            var path = Path.Combine(dir, name);
            File.WriteAllText(path, text);
            return path;
        }

        var auth = Write("auth", "00_header", "begin authenticators\n");
        var acl = Write("acl", "00_header", "begin acl\n");
        var mainB = Write("main", "20_b", "qualify_domain = b.example\n");
        var mainA = Write("main", "10_a", "primary_hostname = a.example\n");
        var mainUpper = Write("main", "10_B", "smtp_accept_max = 5\n");
        Write("main", "10_a.dpkg-dist", "bogus\n");
        var router = Write("router", "100_x", "begin routers\n");
        Write("router", "100_x.rul", "begin routers\n");

        var units = Dialect.Group([auth, mainB, acl, router, mainA, mainUpper]);
        var unit = Assert.Single(units);
        // Bytewise name order within a section ("10_B" < "10_a"), NAME.rul in place of NAME.
        Assert.Equal([mainUpper, mainA, mainB, acl, router + ".rul", auth], unit.Paths);

        var config = Dialect.Analyze(EximTestHost.Read(unit.Paths), EximTestHost.Options).Config!;
        var qualify = Assert.Single(config.Assignments, a => a.Name == "qualify_domain");
        Assert.Equal(mainB, qualify.NameSpan.File.Path);
        Assert.Equal(1, qualify.NameSpan.Start.Line);
    }

    [Fact]
    public void A_rul_fragment_named_alone_is_read_with_its_conf_d()
    {
        // update-exim4.conf reads NAME.rul in place of NAME; pre-commit names the .rul that changed.
        var confd = Path.Combine(Directory.CreateTempSubdirectory("mtalint-rul-").FullName, "conf.d");
        Directory.CreateDirectory(Path.Combine(confd, "main"));
        var options = Path.Combine(confd, "main", "02_options");
        var plugin = Path.Combine(confd, "main", "15_plugin");
        File.WriteAllText(options, "primary_hostname = a.example\n");
        File.WriteAllText(plugin, "# shadowed\n");
        File.WriteAllText(plugin + ".rul", "qualify_domain = b.example\n");
        File.WriteAllText(Path.Combine(confd, "main", "16_orphan.rul"), "qualify_domain = c.example\n");

        Assert.True(Dialect.Recognizes(plugin + ".rul", () => string.Empty));
        Assert.False(Dialect.Recognizes(Path.Combine(confd, "main", "16_orphan.rul"), () => string.Empty));
        var unit = Assert.Single(Dialect.Group([plugin + ".rul"]));
        Assert.Equal([options, plugin + ".rul"], unit.Paths);
    }

    [Fact]
    public void Template_is_read_after_its_localmacros()
    {
        var dir = Directory.CreateTempSubdirectory("mtalint-template-").FullName;
        var template = Path.Combine(dir, "exim4.conf.template");
        var macros = Path.Combine(dir, "exim4.conf.localmacros");
        File.WriteAllText(template, ".ifdef MAIN_TLS_ENABLE\ntls_certificate = /c\n.endif\nsmtp_banner = BANNER\n");
        File.WriteAllText(macros, "MAIN_TLS_ENABLE = yes\nBANNER = $smtp_active_hostname ESMTP\n");
        var unit = Assert.Single(Dialect.Group([template]));
        Assert.Equal([macros, template], unit.Paths);
        Assert.Single(Dialect.Group([macros, template]));
        var config = Dialect.Analyze(EximTestHost.Read(unit.Paths), EximTestHost.Options).Config!;
        Assert.Equal("/c", config.EffectiveSettings["tls_certificate"]);
        Assert.Equal("mx.example.com ESMTP", config.Services[0].Banner.Rendered);
    }

    [Fact]
    public void Debian_split_config_reads_like_the_template()
    {
        var debian = Path.Combine(TestPaths.OracleRoot, "etc", "exim4");
        var split = Dialect.Analyze(EximTestHost.Read(EximDialect.SplitFragments(Path.Combine(debian, "conf.d"))), EximTestHost.Options);
        var template = EximTestHost.Analyze(Path.Combine(debian, "exim4.conf.template"));
        Assert.Empty(split.Errors);
        Assert.Empty(template.Errors);
        Assert.Equal(template.Config!.EffectiveSettings, split.Config!.EffectiveSettings);
        Assert.Equal(template.Config.Services[0].Banner.Rendered, split.Config.Services[0].Banner.Rendered);
    }

    [Fact]
    public void Every_file_of_a_unit_prints_back_through_the_dialect()
    {
        var debian = Path.Combine(TestPaths.OracleRoot, "etc", "exim4", "conf.d");
        foreach (var file in EximTestHost.Read(EximDialect.SplitFragments(debian)))
        {
            Assert.Equal(file.Text, Dialect.Reprint(file));
        }
    }
}

using MtaLint.Model;
using MtaLint.Engine;
using MtaLint.Dialects;
using MtaLint.Model.Postfix;
using MtaLint.Rules;
using MtaLint.Syntax.Postfix;
using MtaLint.Text;

namespace MtaLint.Tests.Postfix;

/// <summary>
/// Whether a Postfix config ever sends mail by SMTP (the model's <c>ClientTls</c> is null when it does not), and
/// MTA206 following it: a config whose transports are all <c>error</c>, <c>local</c> or <c>lmtp</c> has no
/// outbound TLS to switch on. The values the decision reads are postconf's own (<c>postconf -x</c>).
/// </summary>
public sealed class PostfixSmtpDeliveryTests
{
    private static readonly AnalysisOptions Options = new("mx.example.com");

    private const string StockLike = "smtp inet n - y - - smtpd\nrelay unix - - n - - smtp\nsmtp unix - - n - - smtp\nlocal unix - n n - - local\n"
        + "virtual unix - n n - - virtual\nlmtp unix - - n - - lmtp\nerror unix - - n - 0 error\nrewrite unix - - y - - trivial-rewrite\n";

    /// <summary>main.cf, master.cf (null: none, the stock services), and the smtp(8) service outbound TLS is read from (null: none is used).</summary>
    public static TheoryData<string, string?, string?> Cases() => new()
    {
        { "default_transport = error\nrelay_transport = error\n", null, null },
        { "default_transport = error:outside mail is not deliverable\n", null, null },
        { "compatibility_level = 3.6\ndefault_transport = error:outside mail is not deliverable\n", null, null },
        { "default_transport = error\nrelay_transport = error\n", StockLike, null },
        { "default_transport = lmtp:unix:private/dovecot-lmtp\nrelay_transport = error\n", StockLike, null },
        { "default_transport = out\n", StockLike, null }, // master.cf has no "out": Postfix defers the mail, it sends nothing
        { "mydestination =\nlocal_transport = error:local delivery is disabled\ndefault_transport = error\n", null, null },
        { "myhostname = mx.example.com\n", null, "smtp" },
        { "myhostname = mx.example.com\n", StockLike, "smtp" },
        { "default_transport = error\nrelay_domains = example.org\n", StockLike, "relay" },
        { "default_transport = error\nrelay_transport = smtp\nrelay_domains = hash:/etc/postfix/relay_domains\n", StockLike, "smtp" },
        { "default_transport = error\ntransport_maps = hash:/etc/postfix/transport\n", StockLike, "smtp" },
        { "default_transport = error\nsender_dependent_default_transport_maps = hash:/etc/postfix/sdt\n", null, "smtp" },
        { "default_transport = error\ncontent_filter = scan:[127.0.0.1]:10024\n", StockLike + "scan unix - - n - 2 smtp\n", "scan" },
        { "default_transport = error\nmailbox_transport = smtp:[mail.example.com]\n", StockLike, "smtp" },
        { "default_transport = out\n", StockLike + "out unix - - n - - smtp\n", "out" },
        { "default_transport = error\n", StockLike.Replace("trivial-rewrite\n", "trivial-rewrite\n  -o default_transport=smtp\n"), "smtp" },
        { "default_transport = error\n", StockLike.Replace("smtp inet n - y - - smtpd\n", "smtp inet n - y - - smtpd\n  -o content_filter=relay:[127.0.0.1]:10025\n"), "relay" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Outbound_tls_is_judged_only_where_mail_leaves_by_smtp(string main, string? master, string? transport)
    {
        var files = new List<SourceFile> { new("main.cf", main) };
        if (master is not null)
        {
            files.Add(new SourceFile("master.cf", master));
        }

        var config = new PostfixDialect().Analyze(files, Options).Config!;
        var findings = new Linter(new RuleSet([RuleCatalog.Find("MTA206")!]), Options).Lint(new PostfixDialect(), files).Diagnostics;
        if (transport is null)
        {
            Assert.Null(config.ClientTls);
            Assert.Empty(findings);
            return;
        }

        Assert.NotNull(config.ClientTls);
        Assert.Equal("MTA206", Assert.Single(findings).RuleId);
    }

    [Fact]
    public void Outbound_tls_is_read_from_the_smtp_service_mail_reaches()
    {
        var master = StockLike + "scan unix - - n - 2 smtp\n  -o smtp_tls_security_level=none\n";
        var files = new SourceFile[] { new("main.cf", "smtp_tls_security_level = may\ndefault_transport = error\ncontent_filter = scan:[127.0.0.1]:10024\n"), new("master.cf", master) };
        var client = new PostfixDialect().Analyze(files, Options).Config!.ClientTls!;
        Assert.Equal(Model.TlsLevel.None, client.Level);
        Assert.Equal("master.cf", client.LevelSetting.ValueSpan!.File.Path);

        files[0] = new SourceFile("main.cf", "smtp_tls_security_level = may\n");
        Assert.Equal(Model.TlsLevel.Opportunistic, new PostfixDialect().Analyze(files, Options).Config!.ClientTls!.Level);
    }

    /// <summary>The parameters the decision reads expand as postconf expands them (compatibility-level defaults included).</summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void The_routing_parameters_read_are_postconfs(string main, string? master, string? transport)
    {
        _ = transport;
        main = "myhostname = mx.example.com\n" + main; // postconf would take the machine's name
        using var dir = new Cli.TempDir();
        dir.Write("main.cf", main);
        if (master is null)
        {
            File.Copy(Path.Combine(PostfixFiles.DebianFolder, "master.cf.dist"), dir.File("master.cf"));
        }
        else
        {
            dir.Write("master.cf", master);
        }

        foreach (var file in Directory.EnumerateFiles(dir.Path))
        {
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddHours(-1));
        }

        string[] names =
        [
            "default_transport", "relay_transport", "local_transport", "virtual_transport", "mailbox_transport", "fallback_transport", "content_filter",
            "relay_domains", "mydestination", "virtual_mailbox_domains", "transport_maps", "sender_dependent_default_transport_maps",
        ];
        var run = Postconf.Run(["-c", dir.Path, "-x", .. names]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        var expected = Postconf.Parse(run.Stdout).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        var scope = new PostfixExtractor(MainCfParser.Parse(new SourceFile("main.cf", main)), null, Options).MainScope;
        Assert.All(names, name => Assert.Equal((name, expected[name]), (name, PostfixExtractor.Fold(scope.Expanded(name)))));
    }
}

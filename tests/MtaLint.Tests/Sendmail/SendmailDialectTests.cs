using MtaLint.Dialects;

namespace MtaLint.Tests.Sendmail;

public class SendmailDialectTests
{
    [Theory]
    [InlineData("/etc/mail/sendmail.mc", "", true)]
    [InlineData("/etc/mail/submit.mc", "", true)]
    [InlineData("cf/cf/generic-linux.mc", "divert(-1)\n#\n", true)]
    [InlineData("mx1.mc", "VERSIONID(`mx1')\nOSTYPE(`linux')\n", true)]
    [InlineData("templates/sendmail.mc.j2", "include(`{{ sendmail_mc_include }}')dnl\n", true)]
    [InlineData("messages.mc", "MessageIdTypedef=DWORD\nMessageId=0x1\nSymbolicName=MSG_HELLO\n", false)]
    [InlineData("/etc/mail/sendmail.cf", "O SmtpGreetingMessage=$j\n", false)]
    [InlineData("/etc/postfix/main.cf", "myhostname = mx\n", false)]
    public void Recognises_mc_files_by_name_or_m4_content(string path, string head, bool expected)
    {
        Assert.Equal(expected, new SendmailDialect().Recognizes(path, () => head));
    }

    [Fact]
    public void Every_file_is_its_own_unit()
    {
        var units = new SendmailDialect().Group(["a/sendmail.mc", "a/submit.mc"]);
        Assert.Equal(2, units.Count);
        Assert.All(units, u => Assert.Single(u.Paths));
    }

    [Fact]
    public void The_registry_finds_sendmail_for_corpus_files()
    {
        foreach (var path in SendmailTestFiles.Corpus)
        {
            var text = File.ReadAllText(path);
            var dialects = DialectRegistry.All.Where(d => d.Recognizes(path, () => text)).Select(d => d.Name).ToArray();
            Assert.Equal(["sendmail"], dialects);
        }
    }
}

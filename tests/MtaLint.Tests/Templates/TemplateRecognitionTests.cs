using MtaLint.Dialects;
using MtaLint.Syntax.Templates;

namespace MtaLint.Tests.Templates;

/// <summary>Which engine, as which tool runs it, a file is a template of: by name, by its folder, by its content.</summary>
public sealed class TemplateRecognitionTests
{
    [Theory]
    [InlineData("roles/postfix/templates/main.cf.j2", "", "Jinja2 Ansible")]
    [InlineData("roles/postfix/templates/etc/postfix/master.cf.j2", "", "Jinja2 Ansible")]
    [InlineData("exim4.conf.template.j2", "", "Jinja2 Ansible")]
    [InlineData("postfix/files/main.cf.jinja", "", "Jinja2 Salt")]
    [InlineData("roles/postfix/templates/main.cf.jinja2", "", "Jinja2 Ansible")]
    [InlineData("postfix/files/main.cf", "myhostname = {{ grains['fqdn'] }}\n", "Jinja2 Salt")]
    [InlineData("roles/postfix/templates/main.cf", "{% if relay %}\nrelayhost = x\n{% endif %}\n", "Jinja2 Ansible")]
    [InlineData("cookbooks/postfix/templates/default/main.cf.erb", "", "Erb Chef")]
    [InlineData("templates/main.cf.erb", "myhostname = <%= node['fqdn'] %>\n", "Erb Chef")]
    [InlineData("modules/postfix/templates/main.cf.erb", "myhostname = <%= @fqdn %>\n", "Erb Puppet")]
    [InlineData("modules/sendmail/templates/sendmail.mc.erb", "", "Erb Puppet")]
    [InlineData("modules/postfix/templates/main.cf.epp", "", "Epp Puppet")]
    [InlineData("main.cf", "myhostname = <%= @fqdn %>\n", "Erb Puppet")]
    public void Recognises_the_engine_and_the_tool(string path, string head, string expected)
    {
        var options = TemplateDetector.Recognize(path, head);
        Assert.NotNull(options);
        Assert.Equal(expected, $"{options.Engine} {options.Host}");
    }

    [Theory]
    [InlineData("main.cf", "myhostname = mail.example.org\n")]
    [InlineData("exim4.conf.template", "  condition = ${if and{{def:h_from:}{eq{$h_to:}{x}}}}\n")] // Debian's real config
    [InlineData("main.cf.in", "myhostname = @HOSTNAME@\n")] // autoconf: not an engine mtalint reads
    [InlineData("sendmail.mc.tpl", "")]
    [InlineData("roles/postfix/defaults/main.yml", "postfix_hostname: \"{{ ansible_fqdn }}\"\n")] // variables, not a template
    [InlineData("postfix/init.sls", "{% from 'postfix/map.jinja' import postfix %}\n")]
    public void Leaves_other_files_alone(string path, string head) => Assert.Null(TemplateDetector.Recognize(path, head));

    [Fact]
    public void Ansible_templates_trim_blocks_and_salt_templates_do_not()
    {
        Assert.True(JinjaOptions.Ansible.TrimBlocks);
        Assert.False(JinjaOptions.Ansible.LstripBlocks);
        Assert.False(JinjaOptions.Salt.TrimBlocks);
        Assert.False(JinjaOptions.Salt.LstripBlocks);
    }
}

using MtaLint.Dialects;

namespace MtaLint.Tests.Infrastructure;

/// <summary>
/// The files of the test data (the corpus included) that mtalint reads as templates, whatever their dialect, each with
/// what makes it one. Their MTA reads their rendering, not their text, so the oracle tests that give an MTA a file as
/// it is leave them out; the template tests render them with the real engines instead. A test checks that this list is
/// exactly the files of every dialect read as templates.
/// </summary>
public static class TestDataTemplates
{
    public static IReadOnlyDictionary<string, string> All { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["testdata/corpus/postfix/FreifunkHochstift__ffho-salt-public__postfix_main.cf"] = "Salt's Jinja: myhostname = {{ grains['id'] }}",
        ["testdata/corpus/postfix/Mailu__Mailu__core_postfix_conf_main.cf"] = "Jinja: {% if RELAYUSER %}",
        ["testdata/corpus/postfix/Mailu__Mailu__core_postfix_conf_master.cf"] = "Jinja: {% if ... %} around services",
        ["testdata/corpus/postfix/bertvv__ansible-role-mailserver__templates_postfix_main.cf.j2"] = "Ansible's Jinja (.j2)",
        ["testdata/corpus/postfix/sovereign__sovereign__roles_mailserver_templates_etc_postfix_main.cf.j2"] = "Ansible's Jinja: {% if mail_header_privacy == 1 %}",
        ["testdata/corpus/sendmail/romaincabassot__ansible-sendmailrelay__templates_sendmail.mc.j2"] = "Ansible's Jinja (.j2): include(`{{sendmail_mc_include}}')",
    };

    /// <summary>Whether <paramref name="path"/> (absolute, or relative to the repository) is one of <see cref="All"/>.</summary>
    public static bool Holds(string path) => All.ContainsKey(Path.IsPathRooted(path) ? Path.GetRelativePath(TestPaths.RepoRoot, path) : path);

    /// <summary>Whether mtalint reads <paramref name="path"/> as a template: by its name, or by its tags anywhere in it.</summary>
    public static bool IsTemplate(string path) => TemplateDetector.Recognize(path, File.ReadAllText(path)) is not null;
}

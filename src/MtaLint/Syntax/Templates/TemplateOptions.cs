namespace MtaLint.Syntax.Templates;

/// <summary>The template languages mtalint reads.</summary>
public enum TemplateEngine
{
    /// <summary>Jinja2 (Ansible, Salt): <c>{{ }}</c>, <c>{% %}</c>, <c>{# #}</c>.</summary>
    Jinja2,

    /// <summary>Embedded Ruby (Puppet's ERB, Chef's Erubis): <c>&lt;%= %&gt;</c>, <c>&lt;% %&gt;</c>, <c>&lt;%# %&gt;</c>.</summary>
    Erb,

    /// <summary>Embedded Puppet (Puppet's EPP): the ERB tags with Puppet code in them.</summary>
    Epp,
}

/// <summary>
/// How one engine, as one tool runs it, reads a template: the settings that decide which whitespace next to a
/// tag the rendering drops. <see cref="Host"/> names the tool whose defaults these are.
/// </summary>
public abstract record TemplateOptions(TemplateEngine Engine, string Host);

/// <summary>
/// Jinja2's whitespace settings (line statements stay off: none of the tools turns them on). Defaults, checked in
/// the tools' sources: Ansible's template module and lookup load templates with <c>trim_blocks=True</c>,
/// <c>lstrip_blocks=False</c> (ansible-core's <c>TemplateOverrides</c>, "AnsibleEnvironment overrides this
/// default"; the module's documented defaults <c>trim_blocks: yes</c>, <c>lstrip_blocks: no</c>); a first line
/// <c>#jinja2: trim_blocks: False, ...</c> overrides them for one template. Salt's renderer keeps Jinja's own
/// defaults (<c>jinja_trim_blocks: False</c>, <c>jinja_lstrip_blocks: False</c> in salt/config).
/// </summary>
public sealed record JinjaOptions(string Host, bool TrimBlocks, bool LstripBlocks, bool ReadsOverrideHeader)
    : TemplateOptions(TemplateEngine.Jinja2, Host)
{
    /// <summary>Ansible's <c>template</c> module: trim_blocks on, lstrip_blocks off, <c>#jinja2:</c> header read.</summary>
    public static JinjaOptions Ansible { get; } = new("Ansible", TrimBlocks: true, LstripBlocks: false, ReadsOverrideHeader: true);

    /// <summary>Salt's Jinja renderer with its default configuration: both off.</summary>
    public static JinjaOptions Salt { get; } = new("Salt", TrimBlocks: false, LstripBlocks: false, ReadsOverrideHeader: false);

    /// <summary>A plain <c>jinja2.Environment()</c>: both off.</summary>
    public static JinjaOptions Plain { get; } = new("Jinja2", TrimBlocks: false, LstripBlocks: false, ReadsOverrideHeader: false);
}

/// <summary>Which scanner splits an ERB-style template: the three differ in which whitespace they drop and in details of where a tag ends.</summary>
internal enum ErbScanner
{
    /// <summary>
    /// Ruby's ERB with <c>trim_mode: '-'</c>, as Puppet creates it (<c>Puppet::Util.create_erb</c>):
    /// <c>&lt;%-</c> at the start of a line drops the line's indentation, <c>-%&gt;</c> drops the line break after it,
    /// <c>&lt;%%</c> is a literal <c>&lt;%</c> and <c>%%&gt;</c> inside a tag does not end it.
    /// </summary>
    RubyErb,

    /// <summary>
    /// Erubis with its defaults, as Chef renders cookbook templates (<c>Erubis::Eruby.new(template)</c> in
    /// Chef::Mixin::Template): a <c>&lt;% %&gt;</c> or <c>&lt;%# %&gt;</c> alone on its line drops the line's indentation and
    /// line break; <c>&lt;%= -%&gt;</c> drops the blanks and line break after it; the first <c>%&gt;</c> ends any tag.
    /// </summary>
    Erubis,

    /// <summary>
    /// Puppet's EPP (Puppet::Pops::Parser::EppSupport): <c>&lt;%-</c> drops the blanks just before it,
    /// <c>-%&gt;</c> drops the blanks and one line break after it, <c>&lt;%%</c> and <c>%%&gt;</c> in text are literal
    /// <c>&lt;%</c> and <c>%&gt;</c>; code is Puppet, so a string in it may hold <c>%&gt;</c>.
    /// </summary>
    Epp,
}

/// <summary>The scanner an ERB-style template is read with, and the tool that runs it.</summary>
internal sealed record ErbOptions(string Host, ErbScanner Scanner)
    : TemplateOptions(Scanner == ErbScanner.Epp ? TemplateEngine.Epp : TemplateEngine.Erb, Host)
{
    public static ErbOptions Puppet { get; } = new("Puppet", ErbScanner.RubyErb);

    public static ErbOptions Chef { get; } = new("Chef", ErbScanner.Erubis);

    public static ErbOptions PuppetEpp { get; } = new("Puppet", ErbScanner.Epp);
}

#!/usr/bin/ruby
# Renders ERB, Erubis and EPP templates as Puppet and Chef run them, for mtalint's soundness tests (Debian's ruby,
# ruby-erubis, puppet).
#
#   render_ruby.rb < batch.json
#
# batch: {"jobs": [{"path", "engine": "erb"|"erubis"|"epp", "sets": [{"text", "marked", "vars": {name: value},
# "undefined": [names]}]}]}. Prints {"jobs": [{"renderings": [{"text", "marked"} | {"error"}]}]}.
#
# Puppet's ERB (trim_mode '-'): every variable of the scope is an instance variable, `scope.lookupvar('c::x')` and
# `scope['x']` read the same names. Chef's Erubis: the resource's variables are instance variables, `node[...]` the
# node's attributes. EPP: the template's parameters, through Puppet's own inline_epp (one Puppet environment for the
# batch). A name the template reads that the set does not give is a plausible text naming it ('<name>.example');
# one the set lists as undefined is nil (Puppet's undef), as on a host where nobody set it.
require 'erb'
require 'json'

# An unknown value: a host-name-like text naming what was read; indexing it reads a deeper unknown, iterating it is empty.
class Plausible < String
  def [](*args)
    key = args.first
    key.is_a?(String) || key.is_a?(Symbol) ? Plausible.new("#{self}-#{key}") : super
  end

  def each(*) = self
  def each_pair(*) = self
  def keys = []
  def empty? = false

  # item.type, item.name: a plain method name reads a deeper unknown (conversions, predicates and the hooks
  # libraries probe for, such as Puppet's _pcore_type, stay String's).
  def self.reads?(name) = name.to_s.match?(/\A[a-z][a-z0-9_]*\z/) && !name.to_s.start_with?('to_')

  def method_missing(name, *args)
    Plausible.reads?(name) ? Plausible.new("#{self}-#{name}") : super
  end

  def respond_to_missing?(name, include_private = false) = Plausible.reads?(name) || super
end

# A loop's items under a variable set that fixes their number (see Variations.cs).
def soundness_items(n, arity)
  (1..n).map { |i| arity == 1 ? Plausible.new("item#{i}.example") : Array.new(arity) { |k| Plausible.new("item#{i}-#{k}.example") } }
end

# The project's Postfix parameter tables (postconf -d of Postfix 3.7, and each parameter's type from its daemons): a
# variable named after a Postfix setting gets a value of that setting's type, so postconf accepts the rendering.
POSTFIX_TABLES = File.expand_path('../../../../src/MtaLint/Model/Postfix', __dir__)

# Settings whose postconf -d value is host-dependent or says nothing a rendering can use.
HOST_VALUES = {
  'myhostname' => 'mx.example.com', 'mydomain' => 'example.com', 'myorigin' => 'example.com', 'relayhost' => '[relay.example.com]:587',
  'mynetworks' => '127.0.0.0/8 [::1]/128', 'compatibility_level' => '3.6', 'inet_interfaces' => 'all', 'inet_protocols' => 'all'
}.freeze

def postfix_table(name)
  File.readlines(File.join(POSTFIX_TABLES, name), chomp: true).reject { |l| l.start_with?('#') }
rescue SystemCallError
  []
end

POSTFIX_DEFAULTS = postfix_table('postfix-defaults.txt').select { |l| l.include?('=') }
                                                        .to_h { |l| l.split('=', 2).map(&:strip) }.freeze
POSTFIX_KINDS = postfix_table('postfix-typed-params.txt').map(&:split).select { |p| p.size >= 2 }.to_h { |p| [p[1], p[0]] }.freeze

# A value of the Postfix setting a variable is named after (postfix::main_relayhost, @smtpd_tls_security_level,
# message_size_limit): the longest setting name the variable name ends with; nil when it names none.
def setting_value(name)
  parts = name.to_s.sub(/\A@/, '').split('::').last.to_s.downcase.split('_')
  param = (0...parts.size).map { |i| parts[i..].join('_') }.find { |p| POSTFIX_DEFAULTS.key?(p) }
  return nil if param.nil?

  default = POSTFIX_DEFAULTS[param]
  kind = POSTFIX_KINDS[param]
  return HOST_VALUES[param] if HOST_VALUES.key?(param)
  return 'yes' if kind == 'bool'
  return default.match?(/\A[0-9]+\z/) ? default.to_i : 10 if %w[int long].include?(kind)
  return default.match?(/\A[0-9]+[smhdw]?\z/) ? default : '10s' if kind == 'time'
  return 'may' if param.end_with?('security_level')
  return "/etc/postfix/#{param}" if default.empty? && param.end_with?('_file', '_path')
  return "hash:/etc/postfix/#{param}" if default.empty? && param.end_with?('_maps', '_database')

  default.empty? ? nil : default
end

# A value of the Postfix setting the name says (see setting_value); else 10 for a name that says it is a number (a
# port, a limit, a process count); else '<name>.example'.
def plausible(name)
  value = setting_value(name)
  return value if value.is_a?(Integer)
  return Plausible.new(value) unless value.nil?
  return 10 if name.to_s =~ /(maxproc|limit|port|count|size|timeout|_max|_min|number)\z/

  Plausible.new("#{name.to_s.sub(/\A@/, '').gsub('::', '-').tr('_', '-')}.example")
end

# A node's attributes: given values, and a plausible value for any other path.
class NodeAttributes
  def initialize(values, path = [])
    @values = values
    @path = path
  end

  def [](key)
    value = @values.is_a?(Hash) ? @values[key.to_s] : nil
    return value unless value.nil? || value.is_a?(Hash)

    NodeAttributes.new(value || {}, @path + [key.to_s])
  end

  def each(*) = self
  def each_pair(*) = self
  def to_s = plausible(@path.join('_')).to_s
  alias to_str to_s
end

# A variable set's intent on a variable (see Variations.cs). Ruby's false is nil or false only: a branch skipped on
# `@x` needs x nil (Puppet's undef).
def resolve(name, spec)
  return spec unless spec.is_a?(Hash) && spec.keys.any? { |k| k.start_with?('$') }
  return (spec['$truthy'] ? plausible(name) : nil) if spec.key?('$truthy')
  return spec['$equals'] if spec.key?('$equals')
  return Plausible.new("not-#{spec['$differs']}") if spec.key?('$differs')

  plausible(name)
end

# Puppet's scope as a template sees it.
class TemplateScope
  def initialize(values, undefined)
    @values = values
    @undefined = undefined
  end

  def lookupvar(name)
    short = name.sub(/\A::/, '')
    return nil if @undefined.include?(short) || @undefined.include?(short.split('::').last)

    key = @values.key?(short) ? short : short.split('::').last
    @values.key?(key) ? resolve(key, @values[key]) : plausible(short)
  end

  def [](name) = lookupvar(name)
  def method_missing(name, *) = name.to_s.start_with?('function_') ? plausible(name.to_s.delete_prefix('function_')) : super
  def respond_to_missing?(name, *) = name.to_s.start_with?('function_') || super
end

# The object a Puppet or Chef template is evaluated in.
class TemplateContext
  def initialize(set, ivars)
    @__scope = TemplateScope.new(set['vars'], set['undefined'])
    @__node = NodeAttributes.new(set['vars'].fetch('node', {}))
    ivars.each { |name| instance_variable_set("@#{name}", set['undefined'].include?(name) ? nil : set['vars'].key?(name) ? resolve(name, set['vars'][name]) : plausible(name)) }
  end

  def scope = @__scope
  def node = @__node
  def get_binding = binding
end

def ivars(text) = text.scan(/<%.*?%>/m).join(' ').scan(/(?<![\w@])@([a-z_]\w*)/i).flatten.uniq

def render_erb(job, set, text)
  context = TemplateContext.new(set, ivars(text))
  if job['engine'] == 'erb'
    ERB.new(text, trim_mode: '-').result(context.get_binding)
  else
    require 'erubis'
    Erubis::Eruby.new(text).result(context.get_binding)
  end
end

# The stdlib type aliases the gathered EPP templates declare parameters with, reduced to what they accept (stdlib
# itself is not installed): an absolute Unix path, a host name or address.
STDLIB_TYPES = {
  'absolutepath' => 'type Stdlib::Absolutepath = Pattern[/\A\//]',
  'host' => 'type Stdlib::Host = String[1]',
}.freeze

def stdlib_module
  require 'tmpdir'
  dir = Dir.mktmpdir('mtalint-puppet-')
  FileUtils.mkdir_p(File.join(dir, 'stdlib', 'types'))
  STDLIB_TYPES.each { |name, text| File.write(File.join(dir, 'stdlib', 'types', "#{name}.pp"), text + "\n") }
  dir
end

def puppet_compiler
  require 'puppet'
  require 'fileutils'
  Puppet.initialize_settings([]) unless Puppet.settings.global_defaults_initialized?
  compiler = nil
  modules = stdlib_module
  Puppet::Pal.in_tmp_environment('soundness', modulepath: [modules], facts: {}) do |pal|
    pal.with_script_compiler { |c| compiler = c; yield c }
  end
  compiler
end

# A value of an EPP parameter's declared type, for a required parameter the set does not give.
def typed_value(name, type)
  case type
  when /\AOptional\[(.*)\]\z/m then typed_value(name, Regexp.last_match(1).strip)
  when /\ABoolean/ then true
  when /\AInteger/ then 10
  when /\AHash/ then {}
  when /\AArray/ then []
  when /Absolutepath/ then "/etc/postfix/#{name}"
  when /\AEnum\[\s*'([^']*)'/ then Regexp.last_match(1)
  else plausible(name).to_s
  end
end

def epp_parameters(text)
  parser = Puppet::Pops::Parser::EvaluatingParser::EvaluatingEppParser.new
  body = parser.parse_string(text).body
  return [] unless body.respond_to?(:parameters)

  body.parameters.map do |p|
    type = p.type_expr ? p.type_expr.locator.extract_text(p.type_expr.offset, p.type_expr.length) : ''
    [p.name, p.value.nil?, type]
  end
end

def render_epp(compiler, set, text)
  values = {}
  epp_parameters(text).each do |name, required, type|
    if set['vars'].key?(name)
      value = resolve(name, set['vars'][name])
      values[name] = value.is_a?(String) ? String.new(value) : value # Puppet's values are plain strings
    elsif required
      # A parameter without a default needs a value, undef included (Optional): one of its type, or undef where the
      # set leaves it undefined.
      values[name] = set['undefined'].include?(name) ? nil : typed_value(name, type)
    end
  end
  compiler.call_function('inline_epp', text, values)
end

# The engine's refusal in one line. This Ruby's NoMethodError message inspects its receiver, which for a Puppet
# model or a large value is megabytes: name the method and the receiver's class instead.
def refusal(error)
  return "#{error.class}: undefined method `#{error.name}' for #{error.receiver.class}" if error.is_a?(NoMethodError) && error.respond_to?(:receiver)

  "#{error.class}: #{error.message.gsub(/\s+/, " ").strip[0, 300]}"
end

def render_all(batch, compiler)
  batch['jobs'].map do |job|
    renderings = job['sets'].map do |set|
      out = {}
      %w[text marked].each do |key|
        out[key] = job['engine'] == 'epp' ? render_epp(compiler, set, set[key]) : render_erb(job, set, set[key])
      end
      out
    rescue StandardError, SyntaxError, ScriptError => e
      { 'error' => refusal(e) }
    end
    { 'renderings' => renderings }
  end
end

batch = JSON.parse($stdin.binmode.read.force_encoding('UTF-8'))
result = nil
if batch['jobs'].any? { |j| j['engine'] == 'epp' }
  puppet_compiler { |c| result = render_all(batch, c) }
else
  result = render_all(batch, nil)
end
$stdout.write(JSON.generate({ 'jobs' => result }))

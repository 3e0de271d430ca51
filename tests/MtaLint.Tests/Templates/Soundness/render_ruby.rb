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
end

# '<name>.example', or 10 for a name that says it is a number (a port, a limit, a process count).
def plausible(name)
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

def puppet_compiler
  require 'puppet'
  Puppet.initialize_settings([]) unless Puppet.settings.global_defaults_initialized?
  compiler = nil
  Puppet::Pal.in_tmp_environment('soundness', modulepath: [], facts: {}) do |pal|
    pal.with_script_compiler { |c| compiler = c; yield c }
  end
  compiler
end

def render_epp(compiler, set, text)
  values = set['vars'].reject { |k, _| set['undefined'].include?(k) }
  compiler.call_function('inline_epp', text, values)
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
      { 'error' => "#{e.class}: #{e.message.lines.first.to_s.strip}" }
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

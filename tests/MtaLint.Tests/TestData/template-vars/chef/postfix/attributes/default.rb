# Hand-made Chef attributes for TemplateVariablesTests.
default['postfix']['main']['smtpd_banner'] = '$myhostname ESMTP'
default['postfix']['main']['smtpd_use_tls'] = 'yes'
default[:postfix][:mail_type] = "client"
default['postfix']['networks'] = [
  '127.0.0.0/8',
  '[::1]/128',
]
default['postfix']['size'] = 10240000
default['postfix']['tls'] = true
default['postfix']['relayhost'] = nil
default['postfix']['override_me'] = 'default'
override['postfix']['override_me'] = 'override'
default['postfix']['computed'] = node['fqdn']
default['postfix']['guarded'] = 'x' if platform?('debian')
if platform_family?('rhel')
  default['postfix']['conditional'] = 'rhel'
end
%w(a b).each do |n|
  default['postfix']['loop'] = n
end

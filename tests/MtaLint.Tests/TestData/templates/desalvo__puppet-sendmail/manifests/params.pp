class sendmail::params {
  $sendmail_pkgs         = ['sendmail', 'sendmail-cf']
  $sendmail_mc_path      = '/etc/mail/sendmail.mc'
  $sendmail_mc_tmpl      = 'sendmail/sendmail.mc.erb'
  $aliases_path          = '/etc/mail/aliases'
  $aliases_tmpl          = 'sendmail/aliases.erb'
  $generics_domains_path = '/etc/mail/generics-domains'
  $generics_domains_tmpl = 'sendmail/generics-domains.erb'
  $generics_table_path   = '/etc/mail/genericstable'
  $generics_table_tmpl   = 'sendmail/genericstable.erb'
  $authinfo_path         = '/etc/mail/authinfo'
  $authinfo_tmpl         = 'sendmail/authinfo.erb'
  $service_name          = 'sendmail'
}

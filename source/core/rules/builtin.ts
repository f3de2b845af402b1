// edrtail's own rules, on by default so a demo or an Atomic test shows hits without a rule
// checkout. Written for this project (ids are ours); narrow on purpose so benign activity stays quiet.

export const BUILTIN_RULES: Record<string, string> = {
	'regsvr32-remote-scriptlet': `
title: Regsvr32 Runs a Remote COM Scriptlet
id: ad5c66a0-25b4-4970-bf2c-a9f5ff38ec04
status: experimental
description: regsvr32 told to fetch a scriptlet over HTTP(S) or FTP and run it through scrobj.dll (the "Squiblydoo" proxy execution).
references:
  - https://attack.mitre.org/techniques/T1218/010/
author: edrtail
tags:
  - attack.defense-evasion
  - attack.t1218.010
logsource:
  category: process_creation
  product: windows
detection:
  image:
    - Image|endswith: '\\regsvr32.exe'
    - CommandLine|contains: 'regsvr32'
  remote:
    CommandLine|contains|windash:
      - '/i:http'
      - '/i:ftp'
  scriptlet:
    CommandLine|contains: 'scrobj.dll'
  condition: image and remote and scriptlet
level: high
`,
	'bitsadmin-download': `
title: Bitsadmin Job Pulls a File From the Web
id: 4ed0461c-2bab-406e-ad9a-1d453e1aebb7
status: experimental
description: bitsadmin creating or running a transfer job with an HTTP(S) source, a way to download tools that blends in with Windows Update traffic.
references:
  - https://attack.mitre.org/techniques/T1197/
author: edrtail
tags:
  - attack.defense-evasion
  - attack.persistence
  - attack.t1197
logsource:
  category: process_creation
  product: windows
detection:
  image:
    - Image|endswith: '\\bitsadmin.exe'
    - CommandLine|contains: 'bitsadmin'
  job:
    CommandLine|contains|windash:
      - ' /transfer '
      - ' /create '
      - ' /addfile '
  web:
    CommandLine|contains: 'http'
  condition: image and job and web
level: high
`,
	'certutil-url-download': `
title: Certutil Fetches a URL Into the Cache
id: 348a0787-1752-4f99-9c26-553ca47ac57c
status: experimental
description: certutil with -urlcache (or -verifyctl) and a URL, a common living-off-the-land download.
references:
  - https://attack.mitre.org/techniques/T1105/
author: edrtail
tags:
  - attack.command-and-control
  - attack.t1105
logsource:
  category: process_creation
  product: windows
detection:
  image:
    - Image|endswith: '\\certutil.exe'
    - CommandLine|contains: 'certutil'
  verb:
    CommandLine|contains|windash:
      - ' -urlcache '
      - ' -verifyctl '
  url:
    CommandLine|contains:
      - 'http://'
      - 'https://'
      - 'ftp://'
  condition: image and verb and url
level: high
`,
	'mshta-remote-script': `
title: Mshta Runs a Remote or Inline Script
id: 54fe71dd-00a3-4a79-bcaa-5ec84dcf0cb4
status: experimental
description: mshta given a URL or an inline javascript/vbscript protocol handler instead of a local .hta file.
references:
  - https://attack.mitre.org/techniques/T1218/005/
author: edrtail
tags:
  - attack.defense-evasion
  - attack.t1218.005
logsource:
  category: process_creation
  product: windows
detection:
  image:
    Image|endswith: '\\mshta.exe'
  payload:
    CommandLine|contains:
      - 'http://'
      - 'https://'
      - 'javascript:'
      - 'vbscript:'
  condition: image and payload
level: high
`,
	// The correlations below and the rules they name (hidden on their own unless `generate`).
	'failed-logon': `
title: Failed Logon
id: 0f0e3c6e-4d2a-4b7e-9a57-6a3f3b1e2c01
name: failed_logon
status: experimental
description: A logon that failed (Security 4625); alone it is noise, many of them are a story.
author: edrtail
logsource:
  product: windows
  service: security
detection:
  selection:
    EventID: 4625
  condition: selection
level: low
`,
	'password-spray': `
title: Password Spray From One Address
id: 7c1d9a3e-5b8f-4e21-8d4c-2f6a9b0e7d11
status: experimental
description: Failed logons for many different accounts from one address within five minutes.
references:
  - https://attack.mitre.org/techniques/T1110/003/
author: edrtail
tags:
  - attack.credential-access
  - attack.t1110.003
correlation:
  type: value_count
  rules:
    - failed_logon
  group-by:
    - IpAddress
  timespan: 5m
  condition:
    field: TargetUserName
    gte: 8
level: high
`,
	'net-use-password': `
title: Net Use With an Account and a Password
id: 4b9d1e7f-2c6a-4e8b-9f3d-7a1c5e9b2d71
name: net_use_password
status: experimental
description: net use mapping a share with an explicit account and password on the command line.
author: edrtail
logsource:
  category: process_creation
  product: windows
detection:
  image:
    - Image|endswith:
        - '\\net.exe'
        - '\\net1.exe'
  verb:
    CommandLine|contains: ' use '
  account:
    CommandLine|contains|windash: ' /user:'
  condition: image and verb and account
level: low
`,
	'password-spray-host': `
title: Password Spray From One Host
id: 6e2a8c4f-0d7b-4f1e-8a3c-5b9d1f7e3a81
status: experimental
description: net use tried with eight or more different command lines (accounts) on one host within five minutes.
references:
  - https://attack.mitre.org/techniques/T1110/003/
author: edrtail
tags:
  - attack.credential-access
  - attack.t1110.003
correlation:
  type: value_count
  rules:
    - net_use_password
  group-by:
    - Computer
  timespan: 5m
  condition:
    field: CommandLine
    gte: 8
level: high
`,
	'internal-connection': `
title: Connection to an Internal Address
id: 3a8e2f10-9c4b-4d6e-b1a7-5e0c8d2f4a21
name: internal_connection
status: experimental
description: An outgoing TCP connection to a private address; the port-scan correlation counts them.
author: edrtail
logsource:
  category: network_connection
  product: windows
detection:
  selection:
    Initiated: 'true'
    DestinationIp|cidr:
      - 10.0.0.0/8
      - 172.16.0.0/12
      - 192.168.0.0/16
  condition: selection
level: informational
`,
	'port-scan': `
title: Port Scan of an Internal Host
id: 9e4b6c2d-1a3f-4f8e-a5d7-0b2c4e6f8a31
status: experimental
description: One host connecting to fifteen or more ports of one internal address within a minute.
references:
  - https://attack.mitre.org/techniques/T1046/
author: edrtail
tags:
  - attack.discovery
  - attack.t1046
correlation:
  type: value_count
  rules:
    - internal_connection
  group-by:
    - Computer
    - DestinationIp
  timespan: 1m
  condition:
    field: DestinationPort
    gte: 15
level: high
`,
	'regsvr32-dns': `
title: Regsvr32 Looks Up a Name
id: 5d2f8b4a-7e1c-4a9d-8f3b-6c0e2a4d8b41
name: regsvr32_dns
status: experimental
description: regsvr32 itself resolving a host name, as it does when told to fetch a scriptlet.
author: edrtail
logsource:
  category: dns_query
  product: windows
detection:
  selection:
    Image|endswith: '\\regsvr32.exe'
  condition: selection
level: medium
`,
	'regsvr32-connection': `
title: Regsvr32 Connects Out
id: 8b6a0d2c-3f5e-4b7a-9c1d-2e4f6a8b0c51
name: regsvr32_connection
status: experimental
description: regsvr32 itself opening an outgoing connection.
author: edrtail
logsource:
  category: network_connection
  product: windows
detection:
  selection:
    Image|endswith: '\\regsvr32.exe'
    Initiated: 'true'
  condition: selection
level: medium
`,
	'regsvr32-chain': `
title: Regsvr32 Scriptlet Fetched and Run
id: 2f7c9e1a-6b4d-4c8f-a2e5-9d1b3f5a7c61
status: experimental
description: regsvr32 told to run a remote scriptlet, then resolving a name and connecting out, on one host within thirty seconds.
references:
  - https://attack.mitre.org/techniques/T1218/010/
author: edrtail
tags:
  - attack.defense-evasion
  - attack.t1218.010
correlation:
  type: temporal
  rules:
    - ad5c66a0-25b4-4970-bf2c-a9f5ff38ec04
    - regsvr32_dns
    - regsvr32_connection
  group-by:
    - Computer
  timespan: 30s
  generate: true
level: critical
`,
};

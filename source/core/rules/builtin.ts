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
};

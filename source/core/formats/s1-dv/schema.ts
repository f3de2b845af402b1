// The project's own schema of the SentinelOne Deep Visibility Kafka export (package s1.dv.export),
// written from the field facts in docs/formats.md §3 and the public reference schema.
//
// Why proto text parsed by protobufjs at module load, and not a .proto file or generated code:
// - a .proto file read at runtime would have to be copied next to dist/ by hand (tsc ships only .ts);
// - a JSON descriptor or reflection calls in code are three times longer and far harder to compare,
//   field number by field number, with the vendor's schema;
// - generated static code (pbjs) is a build step and thousands of lines to review.
// Parsing this text takes a few milliseconds once; the encoder is protobufjs' own (generated at
// runtime), the decoder is reader.ts, which walks this schema's reflection. Field names become camelCase
// (computer_name -> computerName), the spelling every public JSON rendering of this export uses.
import protobuf from 'protobufjs';

const PROTO = `
syntax = "proto3";
package s1.dv.export;

message Timestamp { uint64 millisecondsSinceEpoch = 1; }

// Booleans are a tri-state so that "false" survives proto3's omission of defaults.
enum EBOOL { E_UNSUPPORTED = 0; E_TRUE = 1; E_FALSE = 2; E_UNKNOWN = 3; }

message UniqueKey { string value = 2; }
message Node { UniqueKey key = 1; }
message User { string name = 1; string sid = 2; }
message FullProcessId { uint32 pid = 1; Timestamp startTime = 2; }
message TrueContext { UniqueKey key = 1; }
message Hashes { string sha1 = 1; string sha256 = 2; string md5 = 3; }
message ValidSignature {}
message InvalidSignature { string reason = 1; }
message Signed {
  string identity = 1;
  oneof validity { ValidSignature valid = 2; InvalidSignature invalid = 3; }
}
message Unsigned {}
message Signature { oneof status { Unsigned unsigned = 1; Signed signed = 2; } }

message File {
  Node node = 1;
  Timestamp creationTime = 2;
  string path = 3;
  oneof permissions { uint64 p_unix = 4; string p_windows = 5; }
  User owner = 6;
  EBOOL isDir = 7;
  uint64 sizeBytes = 8;
  Signature signature = 9;
  EBOOL isKernelModule = 10;
  Hashes hashes = 11;
  string fileLocation = 12;
}

message Process {
  enum Subsystem { SUBSYSTEM_UNKNOWN = 0; WSL = 1; SYS_WIN32 = 2; }
  enum IntegrityLevel { INTEGRITY_LEVEL_UNKNOWN = 0; UNTRUSTED = 1; LOW = 2; MEDIUM = 3; HIGH = 4; SYSTEM = 5; }
  Node node = 1;
  File executable = 2;
  string commandLine = 3;
  FullProcessId fullPid = 4;
  User user = 6;
  EBOOL interactive = 7;
  Process parent = 8;
  EBOOL excluded = 9;
  string name = 10;
  EBOOL root = 13;
  Subsystem subsystem = 14;
  uint32 sessionId = 15;
  IntegrityLevel integrityLevel = 16;
  EBOOL isWow64 = 17;
  EBOOL isRedirectedCommandProcessor = 18;
  File activeContent = 19;
  TrueContext trueContext = 20;
  ProcessCounters counters = 25;
}

message ProcessCounters {
  uint32 modelChildProcess = 1; uint32 osChildProcess = 2; uint32 crossProcess = 3; uint32 moduleLoad = 4;
  uint32 fileCreation = 5; uint32 fileDeletion = 6; uint32 fileModification = 7; uint32 exeModification = 8;
  uint32 netConnIn = 9; uint32 netConnOut = 10; uint32 registryModification = 11;
  uint32 crossProcessOutOfGroup = 13; uint32 crossProcessDupThreadHandle = 14;
  uint32 crossProcessDupProcessHandle = 15; uint32 crossProcessOpenProcess = 16;
  uint32 crossProcessRemoteThread = 17; uint32 dnsLookups = 19;
}

message ProcessCreation {
  enum Status { UNKNOWN = 0; SUCCESS = 1; BLOCKED = 2; }
  TrueContext trueContext = 1;
  Process process = 2;
  Process parent = 3;
  Hashes hashes = 4;
  Signature signature = 5;
  Status status = 6;
}
message ProcessTermination {
  enum Signal { SIG_INVALID = 0; SIG_SIGKILL = 9; SIG_SIGTERM = 15; }
  TrueContext trueContext = 1; Process target = 2; Process source = 3; uint32 exitCode = 4; Signal signal = 5; Process parent = 6;
}
message ProcessExit { TrueContext trueContext = 1; Process source = 2; uint32 exitCode = 3; Process parent = 4; }
message ProcessModification { TrueContext trueContext = 1; Process source = 2; }

message FileCreation { TrueContext trueContext = 1; Process source = 2; File targetFile = 3; }
message FileModification {
  TrueContext trueContext = 1; Process source = 2; File file = 3; uint64 sizeBytes = 6; Signature signature = 7;
  EBOOL isKernelModule = 8; Hashes hashes = 9; Hashes oldHashes = 10;
}
message FileDeletion { TrueContext trueContext = 1; Process source = 2; File targetFile = 3; }
message FileRename { TrueContext trueContext = 1; Process process = 2; File source = 3; File destination = 4; }

message DnsQuery {
  enum Status { UNKNOWN = 0; SUCCESS = 1; FAILURE = 2; }
  TrueContext trueContext = 1; Process source = 2; string query = 3; string results = 4; Status status = 6;
}

enum ConnectionDirection { INCOMING = 0; OUTGOING = 1; }
message IPv4Address { string address = 1; uint32 port = 2; }
message TCPv4Connection {
  enum Status { UNKNOWN = 0; SUCCESS = 1; FAILURE = 2; BLOCKED = 3; }
  TrueContext trueContext = 1; Process source = 2; IPv4Address sourceAddress = 3; IPv4Address destinationAddress = 4;
  ConnectionDirection direction = 5; Status status = 6;
}
message TCPv4Listen { TrueContext trueContext = 1; Process source = 2; IPv4Address local = 3; }

message HttpRequest {
  enum SourceType { UNKNOWN = 0; WININET = 1; CHROME = 2; SAFARI = 3; }
  TrueContext trueContext = 1; Process source = 2; SourceType sourceType = 3; string url = 4; string method = 5;
}

message Persistency {
  TrueContext trueContext = 1; Process source = 2; string filePath = 3; Timestamp installationTime = 4;
  string type = 5; string payload = 6; Timestamp payloadCreationTime = 7;
}

message LoginBase { TrueContext trueContext = 1; Process source = 2; User user = 3; string type = 4; IPv4Address sourceAddress = 5; }
message Login { LoginBase base = 1; }
message Logout { LoginBase base = 1; }

message RegistryPath { UniqueKey key = 1; string path = 2; }
message RegistryKeyCreation { TrueContext trueContext = 1; RegistryPath regKey = 2; Process source = 3; User owner = 4; }
message RegistryKeyRename { TrueContext trueContext = 1; RegistryPath regKey = 2; Process source = 3; string oldKeyName = 4; }
message RegistryKeyDelete { TrueContext trueContext = 1; RegistryPath regKey = 2; Process source = 3; }
message RegistryKeyExport { TrueContext trueContext = 1; RegistryPath regKey = 2; Process source = 3; string exportPath = 4; }
message RegistryKeySecurityChanged { TrueContext trueContext = 1; RegistryPath regKey = 2; uint32 securityInformation = 3; Process source = 4; }
message RegistryValueCreation { TrueContext trueContext = 1; RegistryPath regValue = 2; uint32 valueType = 4; Process source = 5; }
message RegistryValueModified {
  TrueContext trueContext = 1; RegistryPath regValue = 2; uint32 oldValueType = 3; uint32 newValueType = 5;
  Process source = 7; string oldValueData = 8; string newValueData = 9;
}
message RegistryValueDelete { TrueContext trueContext = 1; RegistryPath regValue = 2; Process source = 3; }
message RegistryKeyImport { TrueContext trueContext = 1; RegistryPath regKey = 2; string importPath = 3; Process source = 4; }

message ScheduledTaskRegister { TrueContext trueContext = 1; string taskName = 2; Process source = 3; }
message ScheduledTaskUpdate { TrueContext trueContext = 1; string taskName = 2; Process source = 3; }
message ScheduledTaskDelete { TrueContext trueContext = 1; string taskName = 2; Process source = 3; }
message ScheduledTaskStart { TrueContext trueContext = 1; string taskName = 2; File executableFile = 3; Process source = 4; File targetFile = 5; }
message ScheduledTaskTrigger { TrueContext trueContext = 1; string taskName = 2; uint32 triggerType = 3; Process source = 4; }

message EventLog {
  string providerName = 1; uint32 eventID = 2; string description = 3; string level = 4; Timestamp timeCreated = 5;
  string channel = 6; string originalXml = 7;
}

enum BehavioralIndicatorCategory {
  BI_UNSUPPORTED = 0; BI_EVASION = 1; BI_GENERAL = 2; BI_POST_EXPLOITATION = 3; BI_RANSOMWARE = 4;
  BI_EXPLOITATION = 5; BI_PACKER = 6; BI_BOOT_CONFIGURATION_UPDATE = 7; BI_RECONNAISSANCE = 8; BI_MALWARE = 9;
  BI_INFOSTEALER = 10; BI_INJECTION = 11; BI_PERSISTENCE = 12; BI_HIDING_STEALTHINESS = 13; BI_ABNORMALITIES = 14;
  BI_PRIVILEGE_ESCALATION = 15;
}
message BehavioralIndicators {
  message Tactics {
    message Techniques { string name = 1; string link = 2; }
    string name = 1; string source = 2; repeated Techniques techniques = 3;
  }
  Process source = 1; string indicator = 2; string metadata = 3; BehavioralIndicatorCategory category = 4;
  string classification = 5; string description = 6; string friendlyName = 7; repeated Tactics tactics = 8;
  string longDescription = 9;
}

enum ProcessRelations {
  PR_UNKNOWN = 0; PR_CHILD = 1; PR_IN_GROUP = 2; PR_NOT_IN_GROUP = 3; PR_PARENT = 4; PR_ROOT = 5; PR_SELF = 6;
  PR_OS_PARENT = 7; PR_OS_CHILD = 8; PR_OTHER = 9;
}
message ModuleLoad { Process source = 1; string path = 2; bytes sha1 = 3; bytes md5 = 4; }
message OpenProcess { Process source = 1; Process target = 2; uint32 desiredAccess = 3; ProcessRelations relations = 4; }
message DuplicateThread { Process source = 1; Process target = 2; uint32 desiredAccess = 3; ProcessRelations relations = 4; }
message DuplicateProcess { Process source = 1; Process target = 2; uint32 desiredAccess = 3; ProcessRelations relations = 4; }
message Scripts {
  Process source = 1; File targetFile = 2; bytes content = 3; Hashes contentHash = 4; uint64 originalSize = 5;
  string appName = 6; string decodedContent = 7;
}
message RemoteThread { Process source = 1; Process target = 2; ProcessRelations relations = 3; }

message Event {
  Timestamp timestamp = 1;
  oneof event {
    ProcessCreation processCreation = 2;
    ProcessTermination processTermination = 3;
    ProcessExit processExit = 4;
    FileCreation fileCreation = 10;
    FileModification fileModification = 11;
    FileDeletion fileDeletion = 12;
    FileRename fileRename = 13;
    DnsQuery dns = 20;
    TCPv4Connection tcpv4 = 21;
    HttpRequest http = 22;
    Persistency persistency = 23;
    Login login = 24;
    Logout logout = 25;
    TCPv4Listen tcpv4Listen = 26;
    RegistryKeyCreation regKeyCreate = 30;
    RegistryKeyRename regKeyRename = 32;
    RegistryKeyDelete regKeyDelete = 33;
    RegistryKeyExport regKeyExport = 34;
    RegistryKeySecurityChanged regKeySecurityChanged = 35;
    RegistryValueCreation regValueCreate = 36;
    RegistryValueModified regValueModified = 37;
    RegistryValueDelete regValueDelete = 38;
    RegistryKeyImport regKeyImport = 39;
    BehavioralIndicators behavioralIndicators = 41;
    ProcessModification processModification = 43;
    ModuleLoad moduleLoad = 45;
    ScheduledTaskRegister schedTaskRegister = 50;
    ScheduledTaskUpdate schedTaskUpdate = 51;
    ScheduledTaskDelete schedTaskDelete = 52;
    ScheduledTaskStart schedTaskStart = 53;
    ScheduledTaskTrigger schedTaskTrigger = 54;
    OpenProcess openProcess = 55;
    DuplicateThread duplicateThread = 56;
    DuplicateProcess duplicateProcess = 57;
    Scripts scripts = 58;
    RemoteThread remoteThread = 59;
    EventLog eventLog = 60;
  }
}

message Meta {
  uint32 seq_id = 1; string uuid = 2; string trace_id = 4; string agent_version = 5; string os_family = 6;
  string os_name = 7; string os_revision = 8; string computer_name = 9; string machine_type = 10; string mgmt_url = 11;
}

message Packet {
  enum Version { EXPORT_NA = 0; EXPORT_10 = 1; EXPORT_20 = 2; }
  Meta meta = 1;
  repeated Event events = 2;
  Version version = 3;
}
`;

const root = protobuf.parse(PROTO, {keepCase: false}).root;
// Resolve now: field types are needed before the first decode (encodeDvPacket walks them).
root.resolveAll();

export const PacketType = root.lookupType('s1.dv.export.Packet');
export const EventType = root.lookupType('s1.dv.export.Event');

/** The JSON rendering every consumer of this export uses: uint64 as strings, enums by name, defaults omitted. */
export const TO_OBJECT_OPTIONS: protobuf.IConversionOptions = {
	longs: String,
	enums: String,
	bytes: String,
	defaults: false,
};

// The mix of benign activity: which category, how often, on which OS. Proportions follow what an
// EDR console shows on an office network: network and file events dominate, registry is
// constant on Windows, logins and task changes are occasional.
import type {EdrCategory} from '../event.js';
import type {Maker} from './context.js';
import type {DemoOs} from './model.js';
import {createFile, deleteFile, modifyFile, renameFile} from './noise-file.js';
import {login, logout} from './noise-logins.js';
import {dnsLookup, httpRequest, listen, tcpConnect} from './noise-network.js';
import {persist} from './noise-persistence.js';
import {exitProcess, spawnProcess, terminateProcess} from './noise-process.js';
import {
	createKey,
	createValue,
	deleteKey,
	deleteValue,
	exportKey,
	importKey,
	keySecurityChanged,
	modifyValue,
	renameKey,
} from './noise-registry.js';
import {deleteTask, registerTask, startTask, triggerTask, updateTask} from './noise-tasks.js';

export interface NoiseKind {
	category: EdrCategory;
	make: Maker;
	weight: number;
	os: readonly DemoOs[];
}

const ALL: readonly DemoOs[] = ['windows', 'linux', 'macos'];
const WINDOWS: readonly DemoOs[] = ['windows'];

export const NOISE: readonly NoiseKind[] = [
	{category: 'Process Creation', make: spawnProcess, weight: 11, os: ALL},
	{category: 'Process Exit', make: exitProcess, weight: 8, os: ALL},
	{category: 'Process Termination', make: terminateProcess, weight: 1, os: ALL},
	{category: 'File Creation', make: createFile, weight: 9, os: ALL},
	{category: 'File Modification', make: modifyFile, weight: 13, os: ALL},
	{category: 'File Deletion', make: deleteFile, weight: 4, os: ALL},
	{category: 'File Rename', make: renameFile, weight: 2, os: ALL},
	{category: 'DNS', make: dnsLookup, weight: 12, os: ALL},
	{category: 'TCPv4 Connection', make: tcpConnect, weight: 13, os: ALL},
	{category: 'TCPv4 Listen', make: listen, weight: 0.7, os: ALL},
	{category: 'HTTP Request', make: httpRequest, weight: 3, os: ALL},
	{category: 'Registry Value Modified', make: modifyValue, weight: 10, os: WINDOWS},
	{category: 'Registry Value Creation', make: createValue, weight: 3, os: WINDOWS},
	{category: 'Registry Value Delete', make: deleteValue, weight: 1.5, os: WINDOWS},
	{category: 'Registry Key Creation', make: createKey, weight: 2, os: WINDOWS},
	{category: 'Registry Key Delete', make: deleteKey, weight: 1.5, os: WINDOWS},
	{category: 'Registry Key Rename', make: renameKey, weight: 0.2, os: WINDOWS},
	{category: 'Registry Key Export', make: exportKey, weight: 0.2, os: WINDOWS},
	{category: 'Registry Key Import', make: importKey, weight: 0.2, os: WINDOWS},
	{category: 'Registry Key Security Changed', make: keySecurityChanged, weight: 0.4, os: WINDOWS},
	{category: 'Scheduled Task Register', make: registerTask, weight: 0.3, os: WINDOWS},
	{category: 'Scheduled Task Update', make: updateTask, weight: 0.5, os: WINDOWS},
	{category: 'Scheduled Task Delete', make: deleteTask, weight: 0.2, os: WINDOWS},
	{category: 'Scheduled Task Start', make: startTask, weight: 1, os: WINDOWS},
	{category: 'Scheduled Task Trigger', make: triggerTask, weight: 1, os: WINDOWS},
	{category: 'Login', make: login, weight: 1.5, os: ALL},
	{category: 'Logout', make: logout, weight: 1.2, os: ALL},
	{category: 'Persistency', make: persist, weight: 0.3, os: ALL},
];

/**
 * Categories that the weights alone would show rarely: the generator cycles through them every
 * few dozen events so that a short demo still shows every category.
 */
export const RARE: readonly NoiseKind[] = NOISE.filter(k => k.weight < 2);

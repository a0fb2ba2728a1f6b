export { targetsStore, targetStore, statusStore, type TargetsStoreValue } from './stores';
export { setTargetsClient, getTargetsClient } from './context';

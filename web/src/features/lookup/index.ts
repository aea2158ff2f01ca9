export { AppBarSearch } from './AppBarSearch';
export { LookupProvider } from './LookupProvider';

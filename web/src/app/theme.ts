import { defaultDarkTheme, defaultLightTheme, type RaThemeOptions } from 'react-admin';

/**
 * Light and dark themes. Passing both to <Admin> makes react-admin put a theme toggle
 * in the app bar and remember the choice; the OS preference picks the first one.
 */
const shape = { borderRadius: 6 };

export const lightTheme: RaThemeOptions = { ...defaultLightTheme, shape, palette: { ...defaultLightTheme.palette, primary: { main: '#1f5fbf' } } };
export const darkTheme: RaThemeOptions = { ...defaultDarkTheme, shape, palette: { ...defaultDarkTheme.palette, primary: { main: '#8ab4f8' } } };

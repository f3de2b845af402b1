// How every component reaches the theme: App picks it once (NO_COLOR, --no-color, TERM=dumb) and
// provides it; components call useTheme(). It is fixed for the run, so it is not threaded through
// props, memo comparisons need not mention it, and a component rendered alone gets the default.
// The pure line builders (feedRowLine, detailLines, helpLines, ...) take it as an argument instead:
// they are functions, tested without React, and their callers hand them what useTheme() returned.
import React, {createContext, useContext, type ReactNode} from 'react';
import {defaultTheme, type Theme} from './theme.js';

const ThemeContext = createContext<Theme>(defaultTheme);

export function ThemeProvider({theme, children}: {theme: Theme; children: ReactNode}) {
	return <ThemeContext.Provider value={theme}>{children}</ThemeContext.Provider>;
}

export function useTheme(): Theme {
	return useContext(ThemeContext);
}

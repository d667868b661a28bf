/** What a server, the bridge or a parser wrote, shown on a Chinese page as what it is: the English original. */
export const originalZh = (text: string): string => `（英文原文）${text}`;

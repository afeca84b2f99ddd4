/** The Local Cache view's id (package.json), apart so that both the activation bundle and the view's chunk name it. */
export const LOCAL_CACHE_VIEW = 'huggingface.localCache';

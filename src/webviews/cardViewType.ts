/** The view type of card panels (their serializer is registered under it at activation). */
export const CARD_VIEW_TYPE = 'huggingface.card';

/** The one line that loads a model with its library: `DiffusionPipeline`, `SentenceTransformer` or transformers' Auto class. */
export function fromPretrainedLine(id: string, library: string | undefined): string {
  const quoted = JSON.stringify(id);
  switch (library) {
    case 'diffusers':
      return `pipe = DiffusionPipeline.from_pretrained(${quoted})`;
    case 'sentence-transformers':
      return `model = SentenceTransformer(${quoted})`;
    default:
      return `model = AutoModel.from_pretrained(${quoted})`;
  }
}

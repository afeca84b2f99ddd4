/**
 * The text of the "What is Hugging Face?" page, written for someone who has never used the Hub. Static and ours:
 * nothing in it comes from the network. Buttons with `data-action` ask the host to run one of the fixed actions in
 * protocol.ts; links open on huggingface.co through the host. A chunk of its own: only an open overview reads it.
 */

export const OVERVIEW_BODY = /* html */ `
<main>
  <header>
    <h1>What is Hugging Face?</h1>
    <p class="lead">Hugging Face is an open-source company and community that wants machine learning to be something
    everyone can use and build on. Its centre is the <strong>Hub</strong>, a public place to share trained models,
    datasets and demos, so you can start from a model someone has already trained instead of training one from scratch.</p>
  </header>

  <section aria-labelledby="hub">
    <h2 id="hub">The Hub</h2>
    <p>Think of the Hub as GitHub for machine-learning assets. Every model, dataset and demo lives in a git repository
    with a README (its <em>card</em>), versioned files and a page on huggingface.co. Anyone can browse and download
    public repos; an account lets you like, publish and reach private or gated ones.</p>
    <p class="actions"><vscode-button data-action="openCard">Open a card…</vscode-button>
    <a href="https://huggingface.co/docs/hub">Hub documentation</a></p>
  </section>

  <section aria-labelledby="models">
    <h2 id="models">Models</h2>
    <p>Hundreds of thousands of pre-trained models for text, vision, audio and multimodal tasks: chat and text
    generation, translation, classification, speech recognition, image generation and many more. They are published
    by the community, by research labs and companies, and by Hugging Face itself. Each card says what the model does,
    how it was trained, its license and how to use it.</p>
    <p class="actions"><vscode-button data-action="showModels">Browse models in the sidebar</vscode-button>
    <a href="https://huggingface.co/models">Models on huggingface.co</a></p>
  </section>

  <section aria-labelledby="datasets">
    <h2 id="datasets">Datasets</h2>
    <p>Thousands of datasets for training and evaluating models, in every modality and many languages. They load in one
    line with the <code>datasets</code> library, which streams, caches and converts them for PyTorch, TensorFlow,
    JAX and pandas.</p>
    <p class="actions"><vscode-button data-action="showDatasets">Browse datasets in the sidebar</vscode-button>
    <a href="https://huggingface.co/datasets">Datasets on huggingface.co</a></p>
  </section>

  <section aria-labelledby="spaces">
    <h2 id="spaces">Spaces</h2>
    <p>Spaces are interactive demos and small apps, usually built with Gradio or Streamlit (or any Docker image, or
    static HTML). They run on the Hub on free CPU hardware, or on paid GPUs when a demo needs more.</p>
    <p class="actions"><vscode-button data-action="showSpaces">Browse Spaces in the sidebar</vscode-button>
    <a href="https://huggingface.co/spaces">Spaces on huggingface.co</a></p>
  </section>

  <vscode-divider role="separator"></vscode-divider>

  <section aria-labelledby="transformers">
    <h2 id="transformers">Transformers</h2>
    <p>The flagship library. <code>transformers</code> downloads a pre-trained model from the Hub, runs it and
    fine-tunes it on your data, with the same few lines for thousands of architectures, on top of PyTorch (and,
    for many models, TensorFlow and JAX). A <code>pipeline("task", model="owner/name")</code> call is often all it takes.</p>
    <p class="actions"><vscode-button data-action="insertTransformersSnippet">Insert a transformers snippet</vscode-button>
    <a href="https://huggingface.co/docs/transformers">Transformers documentation</a></p>
  </section>

  <section aria-labelledby="tokenizers">
    <h2 id="tokenizers">Tokenizers</h2>
    <p>Models read numbers, not text. A tokenizer splits text into tokens and turns them into the ids a model expects;
    the <code>tokenizers</code> library does it fast (its core is written in Rust) and exactly as the model was trained.</p>
    <p><a href="https://huggingface.co/docs/tokenizers">Tokenizers documentation</a></p>
  </section>

  <section aria-labelledby="libraries">
    <h2 id="libraries">More libraries</h2>
    <ul>
      <li><strong>Diffusers</strong>: image, video and audio generation with diffusion models.
        <a href="https://huggingface.co/docs/diffusers">Docs</a></li>
      <li><strong>Accelerate</strong>: the same training code on one GPU, many GPUs or TPUs.
        <a href="https://huggingface.co/docs/accelerate">Docs</a></li>
      <li><strong>Evaluate</strong>: metrics and comparisons for models and datasets.
        <a href="https://huggingface.co/docs/evaluate">Docs</a></li>
      <li><strong>Sentence Transformers</strong>: embeddings for search, clustering and similarity.
        <a href="https://huggingface.co/docs/sentence-transformers">Docs</a></li>
    </ul>
  </section>

  <section aria-labelledby="paid">
    <h2 id="paid">Paid offerings</h2>
    <p>The Hub is free to use. For more, there is a <strong>PRO</strong> account for individuals, the
    <strong>Enterprise Hub</strong> for organisations (access control, audit logs, storage regions) and
    <strong>Inference Endpoints</strong>, which deploy a model on dedicated, managed infrastructure.</p>
    <p><a href="https://huggingface.co/pricing">Pricing</a></p>
  </section>

  <section aria-labelledby="community">
    <h2 id="community">The community</h2>
    <p>Every repo has discussions and pull requests; people publish papers, courses and blog posts, and organisations
    share their work in the open. Liking, commenting and contributing a fix to a card are good first steps.</p>
    <p><a href="https://huggingface.co/learn">Courses</a> · <a href="https://huggingface.co/blog">Blog</a></p>
  </section>
</main>
`;

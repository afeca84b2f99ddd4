// A card with formulas of the kinds model cards use, written for the UI tests and the card benchmark.
export const MATH_ID = 'hub-test/math-card';

export const MATH_CARD = String.raw`---
license: apache-2.0
pipeline_tag: text-generation
tags:
- math-test
---
# Math in a card

Written for the huggingface-hub-vscode UI tests: formulas of the kinds model cards use.

## Attention

Scaled dot-product attention:

$$
\operatorname{Attention}(Q, K, V) = \operatorname{softmax}\left(\frac{QK^\top}{\sqrt{d_k}}\right)V
$$

The model has $d_{\text{model}} = 4096$ and $h = 32$ heads, so \(d_k = d_{\text{model}} / h = 128\).

## Losses

\[
\mathcal{L}_{\text{DPO}} = -\mathbb{E}_{(x, y_w, y_l) \sim \mathcal{D}}\left[\log \sigma\left(\beta \log \frac{\pi_\theta(y_w \mid x)}{\pi_{\text{ref}}(y_w \mid x)} - \beta \log \frac{\pi_\theta(y_l \mid x)}{\pi_{\text{ref}}(y_l \mid x)}\right)\right]
\]

The learning rate warms up, then decays:

$$
\eta(t) = \begin{cases} \eta_{\max} \, t / T_w & t < T_w \\ \tfrac{1}{2} \eta_{\max} \left(1 + \cos\left(\pi \frac{t - T_w}{T - T_w}\right)\right) & \text{otherwise} \end{cases}
$$

## Rotary embeddings

` + '```math' + String.raw`
R_{\Theta, m} = \begin{pmatrix} \cos m\theta_1 & -\sin m\theta_1 & 0 & 0 \\ \sin m\theta_1 & \cos m\theta_1 & 0 & 0 \\ 0 & 0 & \cos m\theta_2 & -\sin m\theta_2 \\ 0 & 0 & \sin m\theta_2 & \cos m\theta_2 \end{pmatrix}
` + '```' + String.raw`

$$
\begin{aligned}
h_t &= \tanh(W_h x_t + U_h h_{t-1} + b_h) \\
y_t &= \operatorname{softmax}(W_y h_t + b_y)
\end{aligned}
$$

## Metrics

| Metric | Formula |
|:--|:--|
| Perplexity | $\exp\left(-\frac{1}{N}\sum_{i=1}^{N} \log p_\theta(x_i \mid x_{<i})\right)$ |
| F1 | $\frac{2PR}{P + R}$ |

## Not math

The hosted endpoint costs $5 a day, or $120 a month.

## Refused

An unknown command $\notacommand{x}$, a macro that never stops $\def\x{\x\x}\x$, and a link $\href{https://evil.example/math}{click}$.
`;

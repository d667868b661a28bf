/** The words of "predict the reply's id" (features/id-lab), spread into messages.ts. */
export const PREDICTION_EN = {
  prediction: 'Prediction',
  predictLabel: 'Predict the next reply’s id',
  predict: 'Predict',
  predictionWaiting: (id: string) =>
    `You expect the next reply to carry id ${id}. Now send: the first reply to come back decides.`,
  predictionRight: (id: string, method: string) =>
    `Right: the next reply carried id ${id}, the answer to ${method}.`,
  predictionWrong: (predicted: string, id: string, method: string) =>
    `Not this time: you said ${predicted}, and the next reply carried id ${id}, the answer to ${method}. A reply carries the id of the request it answers; with several calls in flight, the quickest is answered first.`,
  predictAgain: 'Predict again',
  cancelPrediction: 'Cancel prediction',
};

export const PREDICTION_ZH: typeof PREDICTION_EN = {
  prediction: '预测',
  predictLabel: '预测下一条回复的 id',
  predict: '预测',
  predictionWaiting: (id) => `你预计下一条回复带着 id ${id}。现在发送吧：最先回来的回复揭晓答案。`,
  predictionRight: (id, method) => `猜对了：下一条回复带着 id ${id}，是对 ${method} 的回答。`,
  predictionWrong: (predicted, id, method) =>
    `这次没猜中：你说的是 ${predicted}，下一条回复带着 id ${id}，是对 ${method} 的回答。回复带着它所回答的请求的 id；有多个调用在途时，最快完成的最先得到回答。`,
  predictAgain: '再预测一次',
  cancelPrediction: '取消预测',
};
